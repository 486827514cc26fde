package io.mailbridge.consumer;

import java.util.Set;

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

    /** Which of the messages were delivered already; they need no more than their {@code \Seen} flag stored. */
    Set<Long> delivered(long uidValidity, long[] uids);

    /** Whether the message failed and waits before its next attempt. */
    boolean isWaiting(long uidValidity, long uid);

    /** Records that every message up to {@code highWater} needs nothing more. */
    void advance(long uidValidity, long highWater);
}
