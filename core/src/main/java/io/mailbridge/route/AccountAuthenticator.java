package io.mailbridge.route;

import io.mailbridge.account.Secret;
import io.mailbridge.account.SecretResolution;
import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;

/**
 * Gives camel-mail an account's credentials at each (re)connect, resolving the password placeholder then,
 * so the secret is never part of an endpoint URI and a rotated secret is picked up on the next login. An
 * {@code oauth2} account has no password: its session's store logs in with an access token instead.
 */
final class AccountAuthenticator extends MailAuthenticator {

    private final String username;
    private final Secret password;
    private final SecretResolution secrets;

    AccountAuthenticator(String username, Secret password, SecretResolution secrets) {
        this.username = username;
        this.password = password;
        this.secrets = secrets;
    }

    @Override
    public PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(username, password == null ? "" : secrets.password(password));
    }

    @Override
    public String toString() {
        return "AccountAuthenticator[" + username + "]";
    }
}
