package io.mailbridge.message;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MailDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Fri, 27 Nov 2026 11:15:30 +0100                     | 2026-11-27T10:15:30Z",
            "27 Nov 2026 10:15:30 GMT                            | 2026-11-27T10:15:30Z",
            "Wed, 9 Jan 2002 19:47:50 MST                        | 2002-01-10T02:47:50Z",
            "Thu, 3 Dec 2009 10:50:22 -0800 (PST)                | 2009-12-03T18:50:22Z",
            "21 Nov 97 09:55:06 GMT                              | 1997-11-21T09:55:06Z",
            "Tue, 10 May 2005 11:28:07                           | 2005-05-10T11:28:07Z",
            "Tue May 10 11:28:07 2005                            | 2005-05-10T11:28:07Z",
            "2026-11-27T10:15:30+01:00                           | 2026-11-27T09:15:30Z",
    })
    void parses_real_world_date_formats_to_utc(String header, Instant expected) {
        assertThat(MailDates.parse(header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"<HR>", "Wed, 15 Dec 2010    59:10 -0500", "Pn, 29 paX 2007 21:13:00 +0100",
            "Tue, 12 Oct 2010 16:21:05 H0500", "yesterday"})
    void gives_null_for_missing_or_unparseable_dates(String header) {
        assertThat(MailDates.parse(header)).isNull();
    }
}
