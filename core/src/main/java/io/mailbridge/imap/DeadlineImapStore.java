package io.mailbridge.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/** An imap or imaps store whose every connection must be authenticated within the account's timeout. */
public class DeadlineImapStore extends IMAPStore {

    static final String ACCOUNT = "mailbridge.account";
    static final String AUTHENTICATION_TIMEOUT = "mailbridge.authenticationtimeout";
    static final String FOLDER_OPEN_FAILURES = "mailbridge.folderopenfailures";

    private final String account;
    private final Duration authenticationTimeout;
    private final Consumer<String> folderOpenFailures;

    public DeadlineImapStore(Session session, URLName url) {
        super(session, url, url.getProtocol(), "imaps".equals(url.getProtocol()));
        account = required(session, ACCOUNT);
        authenticationTimeout = Duration.ofMillis(Long.parseLong(required(session, AUTHENTICATION_TIMEOUT)));
        folderOpenFailures = folderOpenFailures(session);
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
