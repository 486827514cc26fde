package io.mailbridge.consumer;

/**
 * Where consumption of a mailbox stands: every message up to {@code highWater} needs nothing more; a message above
 * it and up to {@code startMark} (mail that was there when the account first started) is consumed only when it
 * matches {@code backfill}, an IMAP search key such as {@code UNSEEN} or {@code SINCE 1-Jan-2026} ({@code ALL} for
 * every message); every message above both is consumed.
 */
public record MailboxCursor(long highWater, long startMark, String backfill) {

    public MailboxCursor {
        if (backfill == null || backfill.isBlank()) {
            throw new IllegalArgumentException("backfill must be an IMAP search key, such as ALL");
        }
    }

    /** The UID from which every message is consumed. */
    long firstUnfiltered() {
        return Math.max(highWater, startMark) + 1;
    }
}
