package io.mailbridge.delivery;

import io.mailbridge.consumer.MailboxCursor;

/**
 * Where consumption of one mailbox stands, as a ledger keeps it: the mailbox's UIDVALIDITY and the consumer's
 * {@link MailboxCursor} within it.
 */
public record LedgerCursor(long uidValidity, MailboxCursor cursor) {

    LedgerCursor advancedTo(long highWater) {
        return highWater <= cursor.highWater() ? this
                : new LedgerCursor(uidValidity, new MailboxCursor(highWater, cursor.startMark(), cursor.backfill()));
    }
}
