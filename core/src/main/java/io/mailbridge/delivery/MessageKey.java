package io.mailbridge.delivery;

/** A message's identity: account, mailbox, UIDVALIDITY and UID; unique as long as the mailbox is not rebuilt. */
public record MessageKey(String account, String mailbox, long uidValidity, long uid) {

    /** The key as text, {@code support/INBOX/1700000000/42}; the mailbox may itself contain '/'. */
    @Override
    public String toString() {
        return account + '/' + mailbox + '/' + uidValidity + '/' + uid;
    }
}
