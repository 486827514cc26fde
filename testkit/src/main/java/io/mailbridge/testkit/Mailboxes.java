package io.mailbridge.testkit;

import java.util.Map;

/** The test server's mailboxes, one {@link AccountMailbox} per account of the accounts file, by account name. */
public final class Mailboxes {

    private final Map<String, AccountMailbox> accounts;
    private final String file;

    Mailboxes(Map<String, AccountMailbox> accounts, String file) {
        this.accounts = Map.copyOf(accounts);
        this.file = file;
    }

    /** The mailbox the account named so in the accounts file reads, e.g. {@code account("support")}. */
    public AccountMailbox account(String name) {
        AccountMailbox account = accounts.get(name);
        if (account == null) {
            throw new IllegalArgumentException("no account '" + name + "' in " + file + "; it has "
                    + accounts.keySet().stream().sorted().toList());
        }
        return account;
    }
}
