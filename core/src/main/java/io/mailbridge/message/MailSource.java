package io.mailbridge.message;

import java.time.Instant;

/**
 * The IMAP-side facts about a message that its MIME content cannot tell.
 *
 * @param receivedAt the server's INTERNALDATE, or {@code null} when the server gave none
 * @param size       size of the raw message in bytes
 */
public record MailSource(String account, String mailbox, long uid, long uidValidity, Instant receivedAt, long size) {
}
