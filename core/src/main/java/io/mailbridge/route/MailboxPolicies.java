package io.mailbridge.route;

import io.mailbridge.account.Account;
import io.mailbridge.consumer.MailboxPolicy;

/** The {@link MailboxPolicy} an account's consumer follows: its {@code onSuccess} action and its {@code filter}. */
final class MailboxPolicies {

    private MailboxPolicies() {
    }

    static MailboxPolicy of(Account account) {
        return new MailboxPolicy(account.onSuccess(), account.filter());
    }
}
