package io.mailbridge.message;

/** The exchange headers every mailbridge route sets on each message it sends downstream. */
public final class MailHeaders {

    public static final String ACCOUNT = "MailAccount";
    public static final String MAILBOX = "MailMailbox";
    public static final String UID = "MailUid";
    public static final String UID_VALIDITY = "MailUidValidity";
    public static final String MESSAGE_ID = "MailMessageId";
    /** Path of the raw RFC 822 bytes, readable until the exchange completes. */
    public static final String RAW_MIME = "MailRawMime";

    private MailHeaders() {
    }
}
