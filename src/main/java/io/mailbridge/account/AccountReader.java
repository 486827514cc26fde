package io.mailbridge.account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.mailbridge.account.AccountField.*;

/** Reads one account's map from the accounts file into an {@link Account}, collecting every problem it finds. */
final class AccountReader {

    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Map<?, ?> fields;
    private final String label;
    private final PlaceholderResolver placeholders;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    AccountReader(Map<?, ?> fields, String label, PlaceholderResolver placeholders) {
        this.fields = fields;
        this.label = label;
        this.placeholders = placeholders;
    }

    List<String> problems() {
        return problems;
    }

    List<String> warnings() {
        return warnings;
    }

    Optional<Account> read() {
        rejectUnknownKeys();
        String name = requiredText(NAME);
        if (name != null && !NAME_PATTERN.matcher(name).matches()) {
            problem(NAME, "must match [a-z0-9][a-z0-9-]* (lower-case letters, digits, '-'), was '" + name + "'");
        }
        String username = requiredText(USERNAME);
        Secret password = secret(PASSWORD, true);
        String host = optionalText(HOST, Account.DEFAULT_HOST);
        if (host != null && (host.isBlank() || host.chars().anyMatch(Character::isWhitespace))) {
            problem(HOST, "must be a host name or address without spaces, was '" + host + "'");
        }
        boolean ssl = bool(SSL, true);
        boolean insecure = bool(INSECURE, false);
        if (ssl && insecure) {
            problem(INSECURE, "applies only to ssl: false (a plaintext login without STARTTLS); remove it or set ssl: false");
        }
        int port = wholeNumber(PORT, ssl ? Account.DEFAULT_SSL_PORT : Account.DEFAULT_STARTTLS_PORT, 1, 65535,
                "must be a whole number from 1 to 65535");
        String mailbox = mailboxName(MAILBOX, Account.DEFAULT_MAILBOX);
        Duration connectionTimeout = seconds(CONNECTION_TIMEOUT, Account.DEFAULT_CONNECTION_TIMEOUT);
        Duration authenticationTimeout = seconds(AUTHENTICATION_TIMEOUT, Account.DEFAULT_AUTHENTICATION_TIMEOUT);
        Duration pollInterval = seconds(POLL_INTERVAL, Account.DEFAULT_POLL_INTERVAL);
        int maxMessagesPerPoll = wholeNumber(MAX_MESSAGES_PER_POLL, Account.DEFAULT_MAX_MESSAGES_PER_POLL, 1, 10_000,
                "must be a whole number from 1 to 10000");
        String to = endpoint(TO, Account.DEFAULT_TO);
        Optional<Path> trustStore = trustStore();
        Optional<Secret> trustStorePassword = Optional.ofNullable(secret(TRUST_STORE_PASSWORD, false));
        if (trustStorePassword.isPresent() && trustStore.isEmpty() && !fields.containsKey(TRUST_STORE.key())) {
            problem(TRUST_STORE_PASSWORD, "is set but trustStore is not");
        }
        int maxAttempts = wholeNumber(MAX_ATTEMPTS, Account.DEFAULT_MAX_ATTEMPTS, 1, 1000,
                "must be a whole number from 1 to 1000");
        String quarantineMailbox = mailboxName(QUARANTINE_MAILBOX, Account.DEFAULT_QUARANTINE_MAILBOX);
        if (quarantineMailbox != null && quarantineMailbox.equals(mailbox)) {
            problem(QUARANTINE_MAILBOX, "must differ from mailbox '" + mailbox + "'");
        }
        String deadLetter = endpoint(DEAD_LETTER, Account.DEFAULT_DEAD_LETTER);
        Duration maxAuthBackoff = seconds(MAX_AUTH_BACKOFF, Account.DEFAULT_MAX_AUTH_BACKOFF);
        if (!ssl && insecure) {
            warnings.add(label + ": insecure: true sends the password in plain text when the server offers no STARTTLS");
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Account(name, username, password, host, port, ssl, insecure, mailbox,
                connectionTimeout, authenticationTimeout, pollInterval, maxMessagesPerPoll, to,
                trustStore, trustStorePassword, maxAttempts, quarantineMailbox, deadLetter, maxAuthBackoff));
    }

    private void rejectUnknownKeys() {
        List<String> known = AccountField.keys();
        for (Object key : fields.keySet()) {
            String text = String.valueOf(key);
            if (!known.contains(text)) {
                String hint = DidYouMean.closest(text, known).map(k -> "; did you mean '" + k + "'?").orElse("");
                problems.add(label + ": unknown field '" + text + "'" + hint);
            }
        }
    }

    private String requiredText(AccountField field) {
        Object value = fields.get(field.key());
        if (value == null) {
            problem(field, "is required");
            return null;
        }
        String text = text(field, value);
        if (text != null && text.isBlank()) {
            problem(field, "must not be empty");
        }
        return text;
    }

    private String optionalText(AccountField field, String defaultValue) {
        Object value = fields.get(field.key());
        return value == null ? defaultValue : text(field, value);
    }

    private String text(AccountField field, Object value) {
        if (value instanceof Map || value instanceof List) {
            problem(field, "must be a single value, was a " + (value instanceof Map ? "map" : "list"));
            return null;
        }
        return resolve(field, String.valueOf(value).trim());
    }

    private String resolve(AccountField field, String text) {
        if (!PlaceholderResolver.hasPlaceholder(text)) {
            return text;
        }
        try {
            return placeholders.resolve(text);
        } catch (RuntimeException e) {
            problem(field, "cannot resolve " + text + ": " + e.getMessage());
            return null;
        }
    }

    private Secret secret(AccountField field, boolean required) {
        Object value = fields.get(field.key());
        if (value == null) {
            if (required) {
                problem(field, "is required (write it as a placeholder such as \"{{env:SUPPORT_APP_PASSWORD}}\")");
            }
            return null;
        }
        String written = String.valueOf(value);
        if (!PlaceholderResolver.hasPlaceholder(written)) {
            if (written.isEmpty()) {
                problem(field, "must not be empty");
                return null;
            }
            warnings.add(label + ": " + field.key() + " is written in the file as a literal;"
                    + " use a placeholder such as {{env:NAME}} so the secret stays out of the file");
            return Secret.of(written);
        }
        try {
            if (placeholders.resolve(written).isEmpty()) {
                problem(field, written + " resolves to an empty value");
                return null;
            }
        } catch (RuntimeException e) {
            problem(field, "cannot resolve " + written + ": " + e.getMessage());
            return null;
        }
        return Secret.of(written);
    }

    private boolean bool(AccountField field, boolean defaultValue) {
        Object value = fields.get(field.key());
        if (value == null) {
            return defaultValue;
        }
        String text = value instanceof Boolean ? value.toString() : resolve(field, String.valueOf(value).trim());
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        if (text != null) {
            problem(field, "must be true or false, was '" + text + "'");
        }
        return defaultValue;
    }

    private int wholeNumber(AccountField field, int defaultValue, int min, int max, String rule) {
        Object value = fields.get(field.key());
        if (value == null) {
            return defaultValue;
        }
        String text = resolve(field, String.valueOf(value).trim());
        if (text == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        problem(field, rule + ", was " + shown(value, text));
        return defaultValue;
    }

    private Duration seconds(AccountField field, Duration defaultValue) {
        Object value = fields.get(field.key());
        if (value == null) {
            return defaultValue;
        }
        String text = resolve(field, String.valueOf(value).trim());
        if (text == null) {
            return defaultValue;
        }
        try {
            double seconds = Double.parseDouble(text);
            if (seconds > 0 && seconds <= 86_400 && !Double.isNaN(seconds)) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        problem(field, "must be a positive number of seconds (at most 86400), was " + shown(value, text));
        return defaultValue;
    }

    private String mailboxName(AccountField field, String defaultValue) {
        String name = optionalText(field, defaultValue);
        if (name != null && (name.isBlank() || name.contains("%") || name.contains("*"))) {
            problem(field, "must be a mailbox name without the IMAP wildcards '%' and '*', was '" + name + "'");
        }
        return name;
    }

    private String endpoint(AccountField field, String defaultValue) {
        String uri = optionalText(field, defaultValue);
        if (uri != null && !uri.matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
            problem(field, "must be a Camel endpoint URI such as " + defaultValue + ", was '" + uri + "'");
        }
        return uri;
    }

    private Optional<Path> trustStore() {
        String text = optionalText(TRUST_STORE, null);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(text);
        if (!Files.isReadable(path)) {
            problem(TRUST_STORE, "file " + path.toAbsolutePath().normalize() + " does not exist or cannot be read");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    private static String shown(Object raw, String text) {
        return raw instanceof String ? "'" + text + "'" : text;
    }

    private void problem(AccountField field, String message) {
        problems.add(label + ": " + field.key() + " " + message);
    }
}
