package io.mailbridge.route;

import io.mailbridge.account.AppPasswords;
import io.mailbridge.account.PlaceholderResolver;
import io.mailbridge.account.Secret;
import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;

/**
 * Gives camel-mail an account's credentials at each (re)connect, resolving the password placeholder then,
 * so the secret is never part of an endpoint URI and a rotated secret is picked up on the next login.
 */
final class AccountAuthenticator extends MailAuthenticator {

    private final String username;
    private final Secret password;
    private final PlaceholderResolver placeholders;

    AccountAuthenticator(String username, Secret password, PlaceholderResolver placeholders) {
        this.username = username;
        this.password = password;
        this.placeholders = placeholders;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        String written = password.reveal();
        String resolved = PlaceholderResolver.hasPlaceholder(written) ? placeholders.resolve(written) : written;
        return new PasswordAuthentication(username, AppPasswords.normalize(resolved));
    }

    @Override
    public String toString() {
        return "AccountAuthenticator[" + username + "]";
    }
}
