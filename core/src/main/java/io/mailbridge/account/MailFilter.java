package io.mailbridge.account;

import java.util.Optional;

/**
 * Which messages of the mailbox an account consumes: those whose From and Subject contain the given texts (IMAP
 * {@code SEARCH FROM} / {@code SUBJECT}, case-insensitive substrings); the rest are never fetched nor touched.
 */
public record MailFilter(Optional<String> from, Optional<String> subject) {

    public static final MailFilter NONE = new MailFilter(Optional.empty(), Optional.empty());

    public MailFilter {
        if (from == null || subject == null) {
            throw new IllegalArgumentException("filter from and subject must be given, empty when not set");
        }
        from.ifPresent(text -> requireSearchable("from", text));
        subject.ifPresent(text -> requireSearchable("subject", text));
    }

    public boolean isEmpty() {
        return from.isEmpty() && subject.isEmpty();
    }

    /** Whether {@code text} can be an IMAP search string: not empty, no line breaks or NUL. */
    static boolean isSearchable(String text) {
        return text != null && !text.isBlank() && text.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    private static void requireSearchable(String key, String text) {
        if (!isSearchable(text)) {
            throw new IllegalArgumentException("filter " + key + " must be a non-empty text on one line, was '"
                    + text + "'");
        }
    }

    @Override
    public String toString() {
        return isEmpty() ? "none" : (from.map(text -> "from '" + text + "'").orElse("")
                + (from.isPresent() && subject.isPresent() ? " and " : "")
                + subject.map(text -> "subject '" + text + "'").orElse(""));
    }
}
