package io.mailbridge.route;

import io.mailbridge.account.Account;
import io.mailbridge.account.Secret;
import io.mailbridge.account.StartPolicy;
import org.apache.camel.RouteTemplateContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Converts an {@link Account} to the parameters of the account route template, and back. */
public final class TemplateParameters {

    static final String NAME = "name";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String SCHEME = "scheme";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String INSECURE = "insecure";
    static final String MAILBOX = "mailbox";
    static final String CONNECTION_TIMEOUT_MILLIS = "connectionTimeoutMillis";
    static final String AUTHENTICATION_TIMEOUT_MILLIS = "authenticationTimeoutMillis";
    static final String POLL_INTERVAL_MILLIS = "pollIntervalMillis";
    static final String MAX_MESSAGES_PER_POLL = "maxMessagesPerPoll";
    static final String TO = "to";
    static final String TRUST_STORE = "trustStore";
    static final String TRUST_STORE_PASSWORD = "trustStorePassword";
    static final String MAX_ATTEMPTS = "maxAttempts";
    static final String QUARANTINE_MAILBOX = "quarantineMailbox";
    static final String DEAD_LETTER = "deadLetter";
    static final String MAX_AUTH_BACKOFF_MILLIS = "maxAuthBackoffMillis";
    static final String START = "start";
    static final String RETRY_DELAY_MILLIS = "retryDelayMillis";
    static final String MAX_RETRY_DELAY_MILLIS = "maxRetryDelayMillis";

    private TemplateParameters() {
    }

    /** The template parameters for an account; secrets stay as written (placeholders), never resolved here. */
    public static Map<String, Object> of(Account account) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(NAME, account.name());
        parameters.put(USERNAME, account.username());
        parameters.put(PASSWORD, account.password().reveal());
        parameters.put(SCHEME, account.scheme());
        parameters.put(HOST, account.host());
        parameters.put(PORT, account.port());
        parameters.put(INSECURE, account.insecure());
        parameters.put(MAILBOX, account.mailbox());
        parameters.put(CONNECTION_TIMEOUT_MILLIS, account.connectionTimeout().toMillis());
        parameters.put(AUTHENTICATION_TIMEOUT_MILLIS, account.authenticationTimeout().toMillis());
        parameters.put(POLL_INTERVAL_MILLIS, account.pollInterval().toMillis());
        parameters.put(MAX_MESSAGES_PER_POLL, account.maxMessagesPerPoll());
        parameters.put(TO, account.to());
        account.trustStore().ifPresent(path -> parameters.put(TRUST_STORE, path.toString()));
        account.trustStorePassword().ifPresent(secret -> parameters.put(TRUST_STORE_PASSWORD, secret.reveal()));
        parameters.put(MAX_ATTEMPTS, account.maxAttempts());
        parameters.put(QUARANTINE_MAILBOX, account.quarantineMailbox());
        parameters.put(DEAD_LETTER, account.deadLetter());
        parameters.put(MAX_AUTH_BACKOFF_MILLIS, account.maxAuthBackoff().toMillis());
        parameters.put(START, account.startPolicy().toString());
        parameters.put(RETRY_DELAY_MILLIS, account.retryDelay().toMillis());
        parameters.put(MAX_RETRY_DELAY_MILLIS, account.maxRetryDelay().toMillis());
        return parameters;
    }

    /** The account a template instance was created for, as far as the connection needs it. */
    static Account account(RouteTemplateContext template) {
        String scheme = text(template, SCHEME);
        String trustStore = text(template, TRUST_STORE);
        String trustStorePassword = text(template, TRUST_STORE_PASSWORD);
        return new Account(
                text(template, NAME),
                text(template, USERNAME),
                Secret.of(text(template, PASSWORD)),
                text(template, HOST),
                Integer.parseInt(text(template, PORT)),
                "imaps".equals(scheme),
                Boolean.parseBoolean(text(template, INSECURE)),
                text(template, MAILBOX),
                millis(template, CONNECTION_TIMEOUT_MILLIS),
                millis(template, AUTHENTICATION_TIMEOUT_MILLIS),
                millis(template, POLL_INTERVAL_MILLIS),
                Integer.parseInt(text(template, MAX_MESSAGES_PER_POLL)),
                text(template, TO),
                Optional.ofNullable(trustStore).filter(path -> !path.isBlank()).map(path -> Path.of(path)),
                Optional.ofNullable(trustStorePassword).filter(secret -> !secret.isBlank()).map(Secret::of),
                Integer.parseInt(text(template, MAX_ATTEMPTS)),
                text(template, QUARANTINE_MAILBOX),
                text(template, DEAD_LETTER),
                millis(template, MAX_AUTH_BACKOFF_MILLIS),
                StartPolicy.parse(text(template, START)),
                millis(template, RETRY_DELAY_MILLIS),
                millis(template, MAX_RETRY_DELAY_MILLIS));
    }

    private static String text(RouteTemplateContext template, String name) {
        Object value = template.getProperty(name);
        return value == null ? null : value.toString();
    }

    private static Duration millis(RouteTemplateContext template, String name) {
        return Duration.ofMillis(Long.parseLong(text(template, name)));
    }
}
