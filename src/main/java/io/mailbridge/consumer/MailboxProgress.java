package io.mailbridge.consumer;

/**
 * What a batch consumer needs to know of a mailbox's delivery history to choose the messages to fetch: where
 * consumption stands (by UID, never by {@code \Seen}), which messages were delivered already, which wait before
 * another attempt; and where it records how far it got.
 */
public interface MailboxProgress {

    /**
     * Where consumption stands for this UIDVALIDITY. The first time (or after the server rebuilt the mailbox) the
     * implementation decides it, e.g. from the account's start policy and {@code highestUid}, the highest UID in
     * the mailbox now (0 when it is empty).
     */
    MailboxCursor cursor(long uidValidity, long highestUid);

    /** Whether the message was delivered already; it needs no more than its {@code \Seen} flag stored. */
    boolean isDelivered(long uidValidity, long uid);

    /** Whether the message failed and waits before its next attempt. */
    boolean isWaiting(long uidValidity, long uid);

    /** Records that every message up to {@code highWater} needs nothing more. */
    void advance(long uidValidity, long highWater);
}
