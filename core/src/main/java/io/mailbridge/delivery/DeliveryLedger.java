package io.mailbridge.delivery;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The durable memory of what happened to each message of one account: where consumption of each mailbox stands
 * (its {@link LedgerCursor}), delivered keys (so a crash between downstream success and the IMAP flag update does
 * not deliver twice), failed attempts (so a poison message is quarantined) and quarantined keys. Every record is
 * written (survives the process) before its call returns; delivered records and high-water marks become durable
 * against power loss at {@link #sync()}, every other record at once.
 */
public interface DeliveryLedger extends AutoCloseable {

    /**
     * Fails with {@link io.mailbridge.ownership.NotOwnerException} when this node no longer owns the account (another
     * replica took it); a ledger that only this node writes never fails.
     */
    default void assertOwner() {
    }

    boolean isDelivered(MessageKey key);

    /** Which of these messages of one mailbox were delivered, in one look-up where the ledger allows. */
    default Set<Long> delivered(String account, String mailbox, long uidValidity, long[] uids) {
        Set<Long> delivered = new HashSet<>();
        for (long uid : uids) {
            MessageKey key = new MessageKey(account, mailbox, uidValidity, uid);
            if (isDelivered(key)) {
                delivered.add(uid);
            }
        }
        return delivered;
    }

    void recordDelivered(MessageKey key);

    /** Makes every record so far durable; called before a chunk of delivered messages is flagged seen. */
    void sync();

    /** Adds a failed attempt and returns the number of failed attempts so far. */
    int recordFailure(MessageKey key, String reason);

    int failures(MessageKey key);

    /** The reason given with the last failed attempt, or empty when none failed. */
    String lastFailure(MessageKey key);

    boolean isQuarantined(MessageKey key);

    void recordQuarantined(MessageKey key);

    /** Where consumption of the mailbox stands; empty before its first start. */
    Optional<LedgerCursor> cursor(String mailbox);

    /**
     * The UIDVALIDITY last recorded for the mailbox: its cursor's, or in a ledger written by a version without
     * cursors, the one it recorded on its own.
     */
    OptionalLong uidValidity(String mailbox);

    /** Starts (or, after the server rebuilt the mailbox, restarts) consumption of a mailbox at {@code start}. */
    void recordStart(String mailbox, LedgerCursor start);

    /** Moves the mailbox's high-water mark up: every message up to it needs nothing more. */
    void recordHighWater(String mailbox, long uidValidity, long highWater);

    @Override
    void close();
}
