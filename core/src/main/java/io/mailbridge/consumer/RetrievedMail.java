package io.mailbridge.consumer;

import io.mailbridge.consumer.imap.SpooledMessage;

import java.time.Instant;

/**
 * The body of each exchange an account's consumer routes: the message's IMAP identity and arrival time, its raw
 * bytes (spooled before the exchange starts), and what the component's {@link MailPreparer} made of them ahead of
 * routing, or null. {@code receivedAt} is null when the server gave no date; {@code backlog} is how many messages
 * the poll found waiting.
 */
public record RetrievedMail(long uid, long uidValidity, Instant receivedAt, long size, int backlog,
                            SpooledMessage raw, Object prepared) {

    public RetrievedMail prepared(MailPreparer preparer) {
        if (preparer == null) {
            return this;
        }
        try {
            return new RetrievedMail(uid, uidValidity, receivedAt, size, backlog, raw, preparer.prepare(this));
        } catch (Exception | StackOverflowError e) {
            return this;
        }
    }
}
