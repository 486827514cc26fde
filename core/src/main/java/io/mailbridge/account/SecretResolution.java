package io.mailbridge.account;

import java.util.Optional;

/**
 * Turns an account's secrets, as written (usually placeholders such as {@code {{env:SALES_PASSWORD}}}), into their
 * values at the moment a connection needs them: the one place the routes and {@code check} do it.
 */
public final class SecretResolution {

    private final PlaceholderResolver placeholders;

    public SecretResolution(PlaceholderResolver placeholders) {
        this.placeholders = placeholders;
    }

    /** The password to log in with: its placeholders resolved, a Google app password's spaces removed. */
    public String password(Secret password) {
        return AppPasswords.normalize(value(password));
    }

    /** The trust store's password, if the account has one. */
    public Optional<char[]> trustStorePassword(Account account) {
        return account.trustStorePassword().map(secret -> value(secret).toCharArray());
    }

    /** The secret's value: its placeholders resolved; throws when one cannot be. */
    public String value(Secret secret) {
        String written = secret.reveal();
        return PlaceholderResolver.hasPlaceholder(written) ? placeholders.resolve(written) : written;
    }
}
