package io.mailbridge.message;

import jakarta.mail.internet.MailDateFormat;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Date header into an {@link Instant}: strict RFC 5322 first, then a few patterns seen in real mail.
 *
 * <p>Comments and the day-of-week are ignored by the lenient patterns; a date without a zone is taken as UTC.
 * Anything else gives {@code null}, never an exception, and never a date guessed from half a header.
 */
final class MailDates {

    private static final List<DateTimeFormatter> LENIENT = List.of(
            pattern("d MMM uuuu H:mm[:ss] xx"),
            pattern("d MMM uuuu H:mm[:ss] z"),
            pattern("d MMM uuuu H:mm[:ss]"),
            twoDigitYear(" H:mm[:ss] xx"),
            twoDigitYear(" H:mm[:ss] z"),
            pattern("MMM d, uuuu h:mm[:ss] a"),
            pattern("MMM d H:mm:ss uuuu"),
            pattern("uuuu-MM-dd'T'HH:mm[:ss][XXX]"),
            pattern("uuuu-MM-dd HH:mm[:ss][ xx]"));

    /** Building a MailDateFormat costs more than parsing with it; it is not thread-safe, so one per thread. */
    private static final ThreadLocal<MailDateFormat> STRICT = ThreadLocal.withInitial(() -> {
        MailDateFormat format = new MailDateFormat();
        format.setLenient(false);
        return format;
    });

    private MailDates() {
    }

    static Instant parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = HeaderDecoding.unfold(header).strip();
        Instant strict = strict(value);
        return strict != null ? strict : lenient(value);
    }

    private static Instant strict(String value) {
        try {
            Date date = STRICT.get().parse(value, new ParsePosition(0));
            return date == null ? null : date.toInstant();
        } catch (RuntimeException unparseable) {
            return null;
        }
    }

    private static Instant lenient(String value) {
        String cleaned = value.replaceAll("\\([^)]*\\)", " ")
                .replaceAll("\\s+", " ")
                .replaceAll(" ?: ?", ":")
                .strip()
                .replaceFirst("^[A-Za-z]+\\.?,\\s*", "")
                .replaceFirst("^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*\\s+", "");
        for (DateTimeFormatter formatter : LENIENT) {
            Instant instant = instant(formatter, cleaned);
            if (instant != null) {
                return instant;
            }
        }
        return null;
    }

    private static Instant instant(DateTimeFormatter formatter, String text) {
        try {
            TemporalAccessor parsed = formatter.parse(text);
            if (parsed.query(TemporalQueries.zone()) != null) {
                return Instant.from(parsed);
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException notThisPattern) {
            return null;
        }
    }

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }

    /** RFC 5322's obsolete two-digit years: 00-49 are 20xx, 50-99 are 19xx. */
    private static DateTimeFormatter twoDigitYear(String timeAndZone) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern("d MMM ")
                .appendValueReduced(ChronoField.YEAR, 2, 2, 1950)
                .appendPattern(timeAndZone)
                .toFormatter(Locale.ENGLISH);
    }
}
