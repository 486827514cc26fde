package io.mailbridge.account;

import java.util.Arrays;
import java.util.List;

/** The keys an account may have in the accounts file, with the XCALLY "Email Account" label each maps to. */
public enum AccountField {
    NAME("name", "Name"),
    USERNAME("username", "Username"),
    PASSWORD("password", "Password"),
    HOST("host", "IMAP host"),
    PORT("port", "IMAP port"),
    SSL("ssl", "SSL"),
    INSECURE("insecure", "(none: plaintext login without STARTTLS)"),
    MAILBOX("mailbox", "Mailbox"),
    CONNECTION_TIMEOUT("connectionTimeout", "Connection Timeout"),
    AUTHENTICATION_TIMEOUT("authenticationTimeout", "Authentication Timeout"),
    POLL_INTERVAL("pollInterval", "(none)"),
    MAX_MESSAGES_PER_POLL("maxMessagesPerPoll", "(none)"),
    TO("to", "(none)"),
    TRUST_STORE("trustStore", "(none)"),
    TRUST_STORE_PASSWORD("trustStorePassword", "(none)"),
    MAX_ATTEMPTS("maxAttempts", "(none)"),
    QUARANTINE_MAILBOX("quarantineMailbox", "(none)"),
    DEAD_LETTER("deadLetter", "(none)"),
    MAX_AUTH_BACKOFF("maxAuthBackoff", "(none)"),
    START("start", "(none)"),
    SINCE("since", "(none)"),
    RETRY_DELAY("retryDelay", "(none)"),
    MAX_RETRY_DELAY("maxRetryDelay", "(none)"),
    ON_SUCCESS("onSuccess", "(none)"),
    FILTER("filter", "(none)"),
    AUTH("auth", "(none)"),
    OAUTH2("oauth2", "(none)"),
    IDLE("idle", "(none)");

    private final String key;
    private final String xcallyLabel;

    AccountField(String key, String xcallyLabel) {
        this.key = key;
        this.xcallyLabel = xcallyLabel;
    }

    public String key() {
        return key;
    }

    public String xcallyLabel() {
        return xcallyLabel;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(AccountField::key).toList();
    }
}
