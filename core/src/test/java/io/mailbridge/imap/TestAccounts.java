package io.mailbridge.imap;

import io.mailbridge.account.Account;
import io.mailbridge.account.Secret;
import io.mailbridge.account.StartPolicy;
import jakarta.mail.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Accounts pointing at a loopback port, with only the settings these tests vary. */
final class TestAccounts {

    static final String USER = "support";
    static final String PASSWORD = "secret";

    private final String name;
    private final int port;
    private final boolean ssl;
    private boolean insecure;
    private Duration authenticationTimeout = Duration.ofSeconds(2);
    private Optional<Path> trustStore = Optional.of(TestTls.trustStore());

    private TestAccounts(String name, int port, boolean ssl) {
        this.name = name;
        this.port = port;
        this.ssl = ssl;
    }

    static TestAccounts imaps(String name, int port) {
        return new TestAccounts(name, port, true);
    }

    static TestAccounts imap(String name, int port) {
        return new TestAccounts(name, port, false);
    }

    TestAccounts insecure() {
        insecure = true;
        return this;
    }

    TestAccounts authenticationTimeout(Duration timeout) {
        authenticationTimeout = timeout;
        return this;
    }

    TestAccounts trustStore(Path path) {
        trustStore = Optional.of(path);
        return this;
    }

    TestAccounts withoutTrustStore() {
        trustStore = Optional.empty();
        return this;
    }

    Account build() {
        return new Account(name, USER, Secret.of(PASSWORD), "127.0.0.1", port, ssl, insecure, "INBOX",
                Duration.ofSeconds(7), authenticationTimeout, Account.DEFAULT_POLL_INTERVAL,
                Account.DEFAULT_MAX_MESSAGES_PER_POLL, Account.DEFAULT_TO, trustStore,
                trustStore.map(path -> Secret.of(TestTls.PASSWORD)), Account.DEFAULT_MAX_ATTEMPTS,
                Account.DEFAULT_QUARANTINE_MAILBOX, Account.DEFAULT_DEAD_LETTER, Account.DEFAULT_MAX_AUTH_BACKOFF,
                StartPolicy.DEFAULT, Account.DEFAULT_RETRY_DELAY, Account.DEFAULT_MAX_RETRY_DELAY);
    }

    /** The session the factory builds for this account, with the trust store password resolved. */
    Session session() {
        Account account = build();
        return ImapSessionFactory.create(account, account.trustStore().isPresent() ? TestTls.password() : null);
    }
}
