package io.mailbridge.consumer;

import io.mailbridge.message.SpooledMessage;

import java.time.Instant;

/**
 * The body of each exchange an account's consumer routes: the message's IMAP identity and arrival time, and its
 * raw bytes, spooled before the exchange starts. {@code receivedAt} is null when the server gave no date.
 */
public record RetrievedMail(long uid, long uidValidity, Instant receivedAt, long size, int unseenInMailbox,
                            SpooledMessage raw) {
}
