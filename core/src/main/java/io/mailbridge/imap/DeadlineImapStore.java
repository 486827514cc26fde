package io.mailbridge.imap;

import io.mailbridge.oauth2.AccessToken;
import io.mailbridge.oauth2.TokenRefusedException;
import io.mailbridge.oauth2.TokenRequestException;
import io.mailbridge.oauth2.TokenSource;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * An imap or imaps store whose every connection must be authenticated within the account's timeout. For an
 * {@code oauth2} account it logs in with an access token of the session's {@link TokenSource}, and once with a new
 * one when the server refuses a cached token.
 */
public class DeadlineImapStore extends IMAPStore {

    static final String ACCOUNT = "mailbridge.account";
    static final String AUTHENTICATION_TIMEOUT = "mailbridge.authenticationtimeout";
    static final String FOLDER_OPEN_FAILURES = "mailbridge.folderopenfailures";
    static final String TOKENS = "mailbridge.tokens";

    private final String account;
    private final Duration authenticationTimeout;
    private final Consumer<String> folderOpenFailures;
    private final TokenSource tokens;
    private volatile AccessToken login;

    public DeadlineImapStore(Session session, URLName url) {
        super(session, url, url.getProtocol(), "imaps".equals(url.getProtocol()));
        account = required(session, ACCOUNT);
        authenticationTimeout = Duration.ofMillis(Long.parseLong(required(session, AUTHENTICATION_TIMEOUT)));
        folderOpenFailures = folderOpenFailures(session);
        tokens = session.getProperties().get("mail." + name + "." + TOKENS) instanceof TokenSource source
                ? source : null;
    }

    /** When the access token of the last login is due for renewal; empty for a password login. */
    public Optional<Instant> loginRenewAt() {
        AccessToken token = login;
        return tokens == null || token == null ? Optional.empty() : Optional.of(token.renewAt());
    }

    @Override
    protected IMAPFolder newIMAPFolder(String fullName, char separator, Boolean isNamespace) {
        return new ObservedImapFolder(fullName, separator, this, isNamespace, folderOpenFailures);
    }

    @SuppressWarnings("unchecked")
    private Consumer<String> folderOpenFailures(Session session) {
        Object listener = session.getProperties().get("mail." + name + "." + FOLDER_OPEN_FAILURES);
        return listener instanceof Consumer<?> consumer ? (Consumer<String>) consumer : failure -> { };
    }

    @Override
    protected synchronized boolean protocolConnect(String host, int port, String user, String password)
            throws MessagingException {
        if (tokens == null) {
            return connectWithin(host, port, user, password);
        }
        Instant asked = Instant.now();
        AccessToken token = token(tokens::token);
        try {
            login = token;
            return connectWithin(host, port, user, token.value());
        } catch (AuthenticationFailedException refused) {
            if (!token.issuedAt().isBefore(asked)) {
                throw refused;
            }
            AccessToken renewed = token(() -> tokens.renew(token));
            login = renewed;
            return connectWithin(host, port, user, renewed.value());
        }
    }

    /** A token, with a failure to get one as Jakarta Mail's: a refused grant as a rejected login. */
    private AccessToken token(java.util.function.Supplier<AccessToken> source) throws MessagingException {
        try {
            return source.get();
        } catch (TokenRefusedException e) {
            throw new AuthenticationFailedException(e.getMessage(), e);
        } catch (TokenRequestException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }

    private boolean connectWithin(String host, int port, String user, String password) throws MessagingException {
        AuthenticationAttempt attempt = AuthenticationDeadline.begin(authenticationTimeout);
        try {
            return super.protocolConnect(host, port, user, password);
        } catch (MessagingException e) {
            if (attempt.expired()) {
                throw new AuthenticationTimeoutException(account, authenticationTimeout, e);
            }
            throw e;
        } finally {
            attempt.finish();
            AuthenticationDeadline.leave();
        }
    }

    @Override
    protected IMAPProtocol newIMAPProtocol(String host, int port) throws IOException, ProtocolException {
        Optional<AuthenticationAttempt> connecting = AuthenticationDeadline.current();
        AuthenticationAttempt attempt = connecting.orElseGet(() -> AuthenticationDeadline.begin(authenticationTimeout));
        try {
            IMAPProtocol protocol = super.newIMAPProtocol(host, port);
            attempt.attach(protocol);
            return protocol;
        } finally {
            // Outside protocolConnect (connections for folders and the store's pool) Angus logs in after
            // this returns, with no hook to end the attempt: its alarm stays armed and spares the
            // connection if it is authenticated by then.
            if (connecting.isEmpty()) {
                AuthenticationDeadline.leave();
            }
        }
    }

    private String required(Session session, String key) {
        String property = "mail." + name + "." + key;
        String value = session.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is missing: build the session with ImapSessionFactory");
        }
        return value;
    }
}
