package io.mailbridge.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AppPasswordsTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "abcd efgh ijkl mnop|abcdefghijklmnop",
            " abcd  efgh ijkl mnop |abcdefghijklmnop",
            "ABCD EFGH IJKL MNOP|ABCDEFGHIJKLMNOP",
            "abcdefghijklmnop|abcdefghijklmnop",
            "abcd efgh ijkl mno|abcd efgh ijkl mno",
            "abcd efgh ijkl mnop q|abcd efgh ijkl mnop q",
            "abc1 efgh ijkl mnop|abc1 efgh ijkl mnop",
            "correct horse battery staple|correct horse battery staple",
            "p&ss+w%rd =x|p&ss+w%rd =x"
    })
    void only_a_google_app_password_written_in_groups_loses_its_spaces(String written, String sent) {
        assertThat(AppPasswords.normalize(written)).isEqualTo(sent);
    }
}
