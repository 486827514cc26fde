package io.mailbridge.account;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One mailbox to consume, as validated from the accounts file.
 *
 * @param password            the password as written in the file: usually a placeholder such as
 *                            {@code {{env:SUPPORT_APP_PASSWORD}}}, resolved only when connecting; null when the
 *                            account logs in with {@code oauth2}
 * @param trustStorePassword  written like {@code password}; empty when no trust store is given
 * @param startPolicy         which mail already in the mailbox the first start consumes
 * @param retryDelay          the wait before a failed message is tried again, doubled at each further failure up to
 *                            {@code maxRetryDelay}
 * @param onSuccess           what is done on the server to a message whose route succeeded
 * @param filter              which messages of the mailbox are consumed at all
 * @param oauth2              with {@code auth: oauth2}, how access tokens are obtained (the login is XOAUTH2)
 * @param idle                whether new mail is pushed with IMAP IDLE where the server offers it
 */
public record Account(
        String name,
        String username,
        Secret password,
        String host,
        int port,
        boolean ssl,
        boolean insecure,
        String mailbox,
        Duration connectionTimeout,
        Duration authenticationTimeout,
        Duration pollInterval,
        int maxMessagesPerPoll,
        String to,
        Optional<Path> trustStore,
        Optional<Secret> trustStorePassword,
        int maxAttempts,
        String quarantineMailbox,
        String deadLetter,
        Duration maxAuthBackoff,
        StartPolicy startPolicy,
        Duration retryDelay,
        Duration maxRetryDelay,
        OnSuccess onSuccess,
        MailFilter filter,
        Optional<OAuth2> oauth2,

        IdleMode idle) {

    public static final String DEFAULT_HOST = "imap.gmail.com";
    public static final int DEFAULT_SSL_PORT = 993;
    public static final int DEFAULT_STARTTLS_PORT = 143;
    public static final String DEFAULT_MAILBOX = "INBOX";
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTHENTICATION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_MESSAGES_PER_POLL = 500;
    public static final String DEFAULT_TO = "direct:mail";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final String DEFAULT_QUARANTINE_MAILBOX = "mailbridge-quarantine";
    public static final String DEFAULT_DEAD_LETTER = "direct:mailbridge-dead-letter";
    public static final Duration DEFAULT_MAX_AUTH_BACKOFF = Duration.ofMinutes(30);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(10);

    /** Throws {@link IllegalArgumentException} naming every field that breaks a rule, as the accounts file would. */
    public Account {
        AccountInvariants rules = new AccountInvariants();
        rules.require(AccountInvariants.isName(name), AccountField.NAME, "must match [a-z0-9][a-z0-9-]*");
        rules.requireText(username, AccountField.USERNAME);
        rules.require(oauth2 != null, AccountField.OAUTH2, "must be given, empty when not set");
        rules.require(password != null || oauth2 != null && oauth2.isPresent(), AccountField.PASSWORD,
                "must be given (or oauth2)");
        rules.require(password == null || oauth2 == null || oauth2.isEmpty(), AccountField.PASSWORD,
                "must be absent with oauth2");
        rules.require(AccountInvariants.isHost(host), AccountField.HOST, "must be a host name without spaces");
        rules.requireRange(port, 1, 65_535, AccountField.PORT);
        rules.require(!(ssl && insecure), AccountField.INSECURE, "applies only to ssl: false");
        rules.requireText(mailbox, AccountField.MAILBOX);
        rules.requireSeconds(connectionTimeout, AccountField.CONNECTION_TIMEOUT);
        rules.requireSeconds(authenticationTimeout, AccountField.AUTHENTICATION_TIMEOUT);
        rules.requireSeconds(pollInterval, AccountField.POLL_INTERVAL);
        rules.requireRange(maxMessagesPerPoll, 1, 10_000, AccountField.MAX_MESSAGES_PER_POLL);
        rules.requireText(to, AccountField.TO);
        rules.require(trustStore != null && trustStorePassword != null, AccountField.TRUST_STORE,
                "and trustStorePassword must be given, empty when not set");
        rules.require(trustStorePassword == null || trustStorePassword.isEmpty() || trustStore.isPresent(),
                AccountField.TRUST_STORE_PASSWORD, "is set but trustStore is not");
        rules.requireRange(maxAttempts, 1, 1000, AccountField.MAX_ATTEMPTS);
        rules.requireText(quarantineMailbox, AccountField.QUARANTINE_MAILBOX);
        rules.require(quarantineMailbox == null || !quarantineMailbox.equals(mailbox), AccountField.QUARANTINE_MAILBOX,
                "must differ from mailbox '" + mailbox + "'");
        rules.requireText(deadLetter, AccountField.DEAD_LETTER);
        rules.requireSeconds(maxAuthBackoff, AccountField.MAX_AUTH_BACKOFF);
        rules.require(startPolicy != null, AccountField.START, "must be given");
        rules.requireSeconds(retryDelay, AccountField.RETRY_DELAY);
        rules.requireSeconds(maxRetryDelay, AccountField.MAX_RETRY_DELAY);
        rules.require(retryDelay == null || maxRetryDelay == null || maxRetryDelay.compareTo(retryDelay) >= 0,
                AccountField.MAX_RETRY_DELAY, "must not be shorter than retryDelay");
        rules.require(onSuccess != null, AccountField.ON_SUCCESS, "must be given");
        rules.require(onSuccess == null || onSuccess.action() != OnSuccess.Action.MOVE
                || !onSuccess.target().equals(mailbox), AccountField.ON_SUCCESS, "must move to a mailbox other than '"
                + mailbox + "'");
        rules.require(filter != null, AccountField.FILTER, "must be given, MailFilter.NONE when not set");
        rules.require(idle != null, AccountField.IDLE, "must be given");
        rules.check(name);
    }

    /** An account that logs in with a password, flags its mail seen after success and consumes every message,
     * and watches with IDLE where the server offers it. */
    public Account(String name, String username, Secret password, String host, int port, boolean ssl,
                   boolean insecure, String mailbox, Duration connectionTimeout, Duration authenticationTimeout,
                   Duration pollInterval, int maxMessagesPerPoll, String to, Optional<Path> trustStore,
                   Optional<Secret> trustStorePassword, int maxAttempts, String quarantineMailbox, String deadLetter,
                   Duration maxAuthBackoff, StartPolicy startPolicy, Duration retryDelay, Duration maxRetryDelay) {
        this(name, username, password, host, port, ssl, insecure, mailbox, connectionTimeout, authenticationTimeout,
                pollInterval, maxMessagesPerPoll, to, trustStore, trustStorePassword, maxAttempts, quarantineMailbox,
                deadLetter, maxAuthBackoff, startPolicy, retryDelay, maxRetryDelay, OnSuccess.DEFAULT, MailFilter.NONE,
                Optional.empty(), IdleMode.DEFAULT);
    }

    /** Whether the account logs in with an OAuth2 access token (XOAUTH2) instead of a password. */
    public boolean usesOAuth2() {
        return oauth2.isPresent();
    }

    /** The id of the route that consumes this account. */
    public String routeId() {
        return routeIdOf(name);
    }

    /** The id of the route that consumes the account named {@code name}. */
    public static String routeIdOf(String name) {
        return "mail-" + name;
    }

    /** The Camel component scheme: {@code imaps}, or {@code imap} with STARTTLS. */
    public String scheme() {
        return ssl ? "imaps" : "imap";
    }
}
