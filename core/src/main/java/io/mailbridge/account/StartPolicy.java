package io.mailbridge.account;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of the messages already in a mailbox the first start of an account consumes: none ({@code new}, the
 * default: only mail that arrives from then on), the unseen ones ({@code unseen}) or all ({@code all}), each
 * optionally limited to mail received on or after {@code since}. Later starts resume where the last one stopped.
 */
public record StartPolicy(Start start, Optional<LocalDate> since) {

    public static final StartPolicy DEFAULT = new StartPolicy(Start.NEW, Optional.empty());

    /** The {@code start:} values. */
    public enum Start {
        NEW, UNSEEN, ALL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Start> of(String key) {
            return Arrays.stream(values()).filter(start -> start.key().equals(key)).findFirst();
        }

        public static List<String> keys() {
            return Arrays.stream(values()).map(Start::key).toList();
        }
    }

    public StartPolicy {
        if (start == Start.NEW && since.isPresent()) {
            throw new IllegalArgumentException("start: new takes no earlier mail, so since does not apply");
        }
    }

    /** The policy as written in the accounts file, e.g. {@code unseen} or {@code all since 2026-01-31}. */
    @Override
    public String toString() {
        return start.key() + since.map(date -> " since " + date).orElse("");
    }

    /** The inverse of {@link #toString()}. */
    public static StartPolicy parse(String text) {
        String[] words = text.trim().split(" ");
        Start start = Start.of(words[0]).orElseThrow(() -> new IllegalArgumentException("unknown start: " + text));
        Optional<LocalDate> since = words.length == 3 && "since".equals(words[1])
                ? Optional.of(LocalDate.parse(words[2])) : Optional.empty();
        return new StartPolicy(start, since);
    }
}
