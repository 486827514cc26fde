package io.mailbridge.delivery;

import java.util.OptionalLong;

/**
 * The durable memory of what happened to each message: delivered keys (so a crash between downstream success and
 * the IMAP flag update does not deliver twice), failed attempts (so a poison message is quarantined), and the
 * UIDVALIDITY last seen per mailbox. Every record is written (survives the process) before its call returns;
 * delivered records become durable against power loss at {@link #sync()}, every other record at once.
 */
public interface DeliveryLedger extends AutoCloseable {

    boolean isDelivered(MessageKey key);

    void recordDelivered(MessageKey key);

    /** Makes every record so far durable; called before a batch of delivered messages is flagged seen. */
    void sync();

    /** Adds a failed attempt and returns the number of failed attempts so far. */
    int recordFailure(MessageKey key, String reason);

    int failures(MessageKey key);

    /** The reason given with the last failed attempt, or empty when none failed. */
    String lastFailure(MessageKey key);

    void recordQuarantined(MessageKey key);

    OptionalLong uidValidity(String account, String mailbox);

    void recordUidValidity(String account, String mailbox, long uidValidity);

    @Override
    void close();
}
