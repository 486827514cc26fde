package io.mailbridge.account;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One mailbox to consume, as validated from the accounts file.
 *
 * @param password            the password as written in the file: usually a placeholder such as
 *                            {@code {{env:SUPPORT_APP_PASSWORD}}}, resolved only when connecting
 * @param trustStorePassword  written like {@code password}; empty when no trust store is given
 * @param startPolicy         which mail already in the mailbox the first start consumes
 * @param retryDelay          the wait before a failed message is tried again, doubled at each further failure up to
 *                            {@code maxRetryDelay}
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
        Duration maxRetryDelay) {

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
