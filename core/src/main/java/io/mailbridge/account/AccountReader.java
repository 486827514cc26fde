package io.mailbridge.account;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mailbridge.account.AccountField.*;

/** Reads one account's map from the accounts file into an {@link Account}, collecting every problem it finds. */
final class AccountReader {

    private final FieldReader fields;
    private final Map<?, ?> raw;
    private final String label;
    private final PlaceholderResolver placeholders;

    AccountReader(Map<?, ?> fields, String label, PlaceholderResolver placeholders) {
        this.fields = new FieldReader(fields, label, placeholders);
        this.raw = fields;
        this.label = label;
        this.placeholders = placeholders;
    }

    List<String> problems() {
        return fields.problems();
    }

    List<String> warnings() {
        return fields.warnings();
    }

    Optional<Account> read() {
        fields.rejectUnknownKeys();
        String name = fields.requiredText(NAME);
        if (name != null && !AccountInvariants.isName(name)) {
            fields.problem(NAME, "must match [a-z0-9][a-z0-9-]* (lower-case letters, digits, '-'), was '" + name + "'");
        }
        String username = fields.requiredText(USERNAME);
        String auth = fields.optionalText(AUTH, "password");
        if (auth != null && !auth.equals("password") && !auth.equals("oauth2")) {
            fields.problem(AUTH, "must be password or oauth2, was '" + auth + "'");
        }
        boolean usesOAuth2 = "oauth2".equals(auth);
        if (usesOAuth2 && fields.has(PASSWORD)) {
            fields.problem(PASSWORD, "must be absent with auth: oauth2 (the login uses an OAuth2 access token)");
        }
        Secret password = usesOAuth2 ? null : fields.secret(PASSWORD, true);
        Optional<OAuth2> oauth2 = oauth2(usesOAuth2);
        String host = fields.optionalText(HOST, Account.DEFAULT_HOST);
        if (host != null && !AccountInvariants.isHost(host)) {
            fields.problem(HOST, "must be a host name or address without spaces, was '" + host + "'");
        }
        boolean ssl = fields.bool(SSL, true);
        boolean insecure = fields.bool(INSECURE, false);
        if (ssl && insecure) {
            fields.problem(INSECURE, "applies only to ssl: false (a plaintext login without STARTTLS); remove it or set ssl: false");
        }
        int port = fields.wholeNumber(PORT, ssl ? Account.DEFAULT_SSL_PORT : Account.DEFAULT_STARTTLS_PORT, 1, 65535,
                "must be a whole number from 1 to 65535");
        String mailbox = fields.mailboxName(MAILBOX, Account.DEFAULT_MAILBOX);
        Duration connectionTimeout = fields.seconds(CONNECTION_TIMEOUT, Account.DEFAULT_CONNECTION_TIMEOUT);
        Duration authenticationTimeout = fields.seconds(AUTHENTICATION_TIMEOUT, Account.DEFAULT_AUTHENTICATION_TIMEOUT);
        Duration pollInterval = fields.seconds(POLL_INTERVAL, Account.DEFAULT_POLL_INTERVAL);
        int maxMessagesPerPoll = fields.wholeNumber(MAX_MESSAGES_PER_POLL, Account.DEFAULT_MAX_MESSAGES_PER_POLL, 1, 10_000,
                "must be a whole number from 1 to 10000");
        String to = fields.endpoint(TO, Account.DEFAULT_TO);
        Optional<Path> trustStore = fields.trustStore(TRUST_STORE);
        Optional<Secret> trustStorePassword = Optional.ofNullable(fields.secret(TRUST_STORE_PASSWORD, false));
        if (trustStorePassword.isPresent() && trustStore.isEmpty() && !fields.has(TRUST_STORE)) {
            fields.problem(TRUST_STORE_PASSWORD, "is set but trustStore is not");
        }
        int maxAttempts = fields.wholeNumber(MAX_ATTEMPTS, Account.DEFAULT_MAX_ATTEMPTS, 1, 1000,
                "must be a whole number from 1 to 1000");
        String quarantineMailbox = fields.mailboxName(QUARANTINE_MAILBOX, Account.DEFAULT_QUARANTINE_MAILBOX);
        if (quarantineMailbox != null && quarantineMailbox.equals(mailbox)) {
            fields.problem(QUARANTINE_MAILBOX, "must differ from mailbox '" + mailbox + "'");
        }
        String deadLetter = fields.endpoint(DEAD_LETTER, Account.DEFAULT_DEAD_LETTER);
        Duration maxAuthBackoff = fields.seconds(MAX_AUTH_BACKOFF, Account.DEFAULT_MAX_AUTH_BACKOFF);
        StartPolicy startPolicy = fields.startPolicy(START, SINCE);
        Duration retryDelay = fields.seconds(RETRY_DELAY, Account.DEFAULT_RETRY_DELAY);
        Duration maxRetryDelay = fields.seconds(MAX_RETRY_DELAY,
                Collections.max(List.of(Account.DEFAULT_MAX_RETRY_DELAY, retryDelay)));
        if (maxRetryDelay.compareTo(retryDelay) < 0) {
            fields.problem(MAX_RETRY_DELAY, "must not be shorter than retryDelay (" + retryDelay.toMillis() / 1000.0
                    + " s), was " + maxRetryDelay.toMillis() / 1000.0 + " s");
        }
        AfterProcessingReader afterProcessing = new AfterProcessingReader(fields);
        OnSuccess onSuccess = afterProcessing.onSuccess(mailbox);
        MailFilter filter = afterProcessing.filter();
        IdleMode idle = fields.idleMode(IDLE);
        if (!ssl && insecure) {
            fields.warn("insecure: true sends the password in plain text when the server offers no STARTTLS");
        }
        if (!fields.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(name, username, password, host, port, ssl, insecure, mailbox,
                connectionTimeout, authenticationTimeout, pollInterval, maxMessagesPerPoll, to,
                trustStore, trustStorePassword, maxAttempts, quarantineMailbox, deadLetter, maxAuthBackoff,
                startPolicy, retryDelay, maxRetryDelay, onSuccess, filter, oauth2, idle));
    }

    private Optional<OAuth2> oauth2(boolean usesOAuth2) {
        Object block = raw.get(OAUTH2.key());
        if (!usesOAuth2) {
            if (block != null) {
                fields.problem(OAUTH2, "is set but auth is not oauth2; add auth: oauth2 (and remove password)");
            }
            return Optional.empty();
        }
        if (!(block instanceof Map<?, ?> map)) {
            fields.problem(OAUTH2, block == null
                    ? "is required with auth: oauth2 (provider, clientId, clientSecret, and refreshToken or tenant)"
                    : "must be a map of fields (provider, clientId, clientSecret, ...)");
            return Optional.empty();
        }
        return new OAuth2Reader(map, label, placeholders, fields.problems(), fields.warnings()).read();
    }
}
