package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.account.AppPasswords;
import io.mailbridge.account.PlaceholderResolver;
import io.mailbridge.account.Secret;
import io.mailbridge.account.SecretResolution;
import io.mailbridge.oauth2.AccessToken;
import io.mailbridge.oauth2.TokenEndpoint;
import io.mailbridge.oauth2.TokenSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves an account's password and trust store password as the route does ({@link SecretResolution}), at the
 * moment they are needed, and remembers them to redact them. Nothing here ever puts a secret's value into a message.
 */
final class Secrets {

    private static final String REDACTED = "[secret]";

    private final Account account;
    private final SecretResolution resolution;
    private final List<String> resolved = new ArrayList<>();

    Secrets(Account account, PlaceholderResolver placeholders) {
        this.account = account;
        this.resolution = new SecretResolution(text -> remembered(placeholders.resolve(text)));
    }

    /**
     * The access tokens of an {@code oauth2} account, obtained as the route obtains them; its client secret, refresh
     * token and every token issued are redacted.
     */
    TokenSource tokens() {
        account.oauth2().ifPresent(settings -> {
            remembered(settings.clientSecret().reveal());
            settings.refreshToken().ifPresent(token -> remembered(token.reveal()));
        });
        return new TokenSource(account.name(), account.oauth2().orElseThrow(), resolution,
                new TokenEndpoint(account.connectionTimeout().plus(account.authenticationTimeout()),
                        Clock.systemUTC()), Duration.ZERO, Clock.systemUTC());
    }

    /** Remembers an access token the check obtained, to redact it. */
    AccessToken remembered(AccessToken token) {
        remembered(token.value());
        return token;
    }

    /** The password to log in with: its placeholder resolved, a Google app password's spaces removed. */
    String password() throws StepFailure {
        return AppPasswords.normalize(resolve(account.password(), "password"));
    }

    /** The trust store password, or null when the account has no trust store password. */
    char[] trustStorePassword() throws StepFailure {
        if (account.trustStorePassword().isEmpty()) {
            return null;
        }
        return resolve(account.trustStorePassword().get(), "trustStorePassword").toCharArray();
    }

    /**
     * The text with every secret handed out so far replaced, as written and as sent: a server may quote the
     * credentials back in its answer, and what the check prints must never show them.
     */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        // longest first, so a secret that contains another is not left half replaced
        for (String secret : resolved.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            redacted = redacted.replace(secret, REDACTED);
        }
        return redacted;
    }

    private String remembered(String value) {
        if (value != null && !value.isEmpty() && !resolved.contains(value)) {
            resolved.add(value);
        }
        return value;
    }

    private String resolve(Secret secret, String field) throws StepFailure {
        String value;
        try {
            value = resolution.value(secret);
        } catch (RuntimeException e) {
            throw new StepFailure(redact(field + " cannot be resolved: " + e.getMessage()), "placeholder not resolved");
        }
        for (String form : List.of(value, AppPasswords.normalize(value))) {
            remembered(form);
        }
        return value;
    }
}
