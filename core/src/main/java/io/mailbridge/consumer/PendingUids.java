package io.mailbridge.consumer;

import io.mailbridge.account.MailFilter;
import io.mailbridge.consumer.imap.ImapMailbox;
import jakarta.mail.MessagingException;

import java.util.Arrays;

/**
 * The UIDs above a mailbox's cursor that wait to be consumed, ascending, at most a poll's worth, found with
 * {@code UID SEARCH} over UID ranges of bounded span (so that no response grows with the mailbox), widened while
 * they come back empty (UIDs can be sparse, as in a Gmail inbox). {@code coveredUpTo} is the highest UID the search
 * looked at: every message up to it that is not in {@code uids} needs nothing.
 */
record PendingUids(long[] uids, long coveredUpTo, boolean complete) {

    static PendingUids find(ImapMailbox mailbox, MailboxCursor cursor, long highestUid, int limit, long span)
            throws MessagingException {
        return find(mailbox, cursor, highestUid, limit, span, MailFilter.NONE);
    }

    /** As above, only the messages that match {@code filter}: the others count as needing nothing. */
    static PendingUids find(ImapMailbox mailbox, MailboxCursor cursor, long highestUid, int limit, long span,
                            MailFilter filter) throws MessagingException {
        long[] found = new long[0];
        long from = cursor.highWater() + 1;
        long covered = cursor.highWater();
        long width = span;
        while (from <= highestUid && found.length < limit) {
            boolean backfill = from < cursor.firstUnfiltered();
            long to = Math.min(highestUid, from + width - 1);
            if (backfill) {
                to = Math.min(to, cursor.firstUnfiltered() - 1);
            }
            long[] uids = mailbox.search(from, to, backfill ? cursor.backfill() : "ALL", filter);
            found = concat(found, uids);
            covered = to;
            width = uids.length == 0 ? Math.min(width * 4, Long.MAX_VALUE / 8) : span;
            from = to + 1;
        }
        if (found.length > limit) {
            found = Arrays.copyOf(found, limit);
            covered = found[limit - 1];
        }
        return new PendingUids(found, covered, covered >= highestUid);
    }

    boolean isEmpty() {
        return uids.length == 0;
    }

    private static long[] concat(long[] left, long[] right) {
        long[] all = Arrays.copyOf(left, left.length + right.length);
        System.arraycopy(right, 0, all, left.length, right.length);
        return all;
    }
}
