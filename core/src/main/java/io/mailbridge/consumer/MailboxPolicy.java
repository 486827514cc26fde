package io.mailbridge.consumer;

import io.mailbridge.account.MailFilter;
import io.mailbridge.account.OnSuccess;

/** What a batch consumer does to a message after its route succeeded, and which messages it consumes at all. */
public record MailboxPolicy(OnSuccess onSuccess, MailFilter filter) {

    /** Flag seen after success, consume every message: the consumer's behaviour without a policy. */
    public static final MailboxPolicy DEFAULT = new MailboxPolicy(OnSuccess.DEFAULT, MailFilter.NONE);

    public MailboxPolicy {
        if (onSuccess == null || filter == null) {
            throw new IllegalArgumentException("a mailbox policy needs onSuccess and filter");
        }
    }
}
