package io.mailbridge.imap;

import io.mailbridge.account.Account;
import io.mailbridge.oauth2.TokenSource;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/** Builds the Jakarta Mail session of one account: timeouts, verified TLS and the authentication deadline. */
public final class ImapSessionFactory {

    /**
     * Bounds each read and write of an established connection. It is not the connect timeout: a SEARCH or
     * FETCH on a large mailbox can keep the server quiet for many seconds, and tripping this closes the
     * connection mid-poll. Slow logins are bounded by the account's authentication timeout instead.
     */
    static final Duration READ_WRITE_TIMEOUT = Duration.ofSeconds(60);

    private ImapSessionFactory() {
    }

    /** A session whose store for {@code account.scheme()} applies every setting of the account. */
    public static Session create(Account account, char[] trustStorePassword) {
        return create(account, trustStorePassword, failure -> { });
    }

    /**
     * As {@link #create(Account, char[])}, telling {@code folderOpenFailures} why a mailbox could not be opened
     * (camel-mail itself only logs it and reports an empty poll).
     */
    public static Session create(Account account, char[] trustStorePassword, Consumer<String> folderOpenFailures) {
        if (account.usesOAuth2()) {
            throw new IllegalArgumentException("account '" + account.name() + "' logs in with oauth2: build its"
                    + " session with its TokenSource");
        }
        return withDeadlineStore(properties(account, trustStorePassword, folderOpenFailures), account.scheme());
    }

    /**
     * A session for an {@code oauth2} account: its stores log in with XOAUTH2, the user name as given and a token of
     * {@code tokens} as the password, asked for at each connect (whatever password the caller passes). With null
     * tokens, the session of a password account.
     */
    public static Session create(Account account, char[] trustStorePassword, Consumer<String> folderOpenFailures,
                                 TokenSource tokens) {
        if (tokens == null) {
            return create(account, trustStorePassword, folderOpenFailures);
        }
        Properties properties = properties(account, trustStorePassword, folderOpenFailures);
        String prefix = "mail." + account.scheme() + ".";
        properties.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
        properties.setProperty(prefix + "auth.xoauth2.disable", "false");
        properties.put(prefix + DeadlineImapStore.TOKENS, tokens);
        return withDeadlineStore(properties, account.scheme());
    }

    /** The access tokens a session's stores log in with; empty for a password account's session. */
    public static Optional<TokenSource> tokens(Session session) {
        return session.getProperties().values().stream().filter(TokenSource.class::isInstance)
                .map(TokenSource.class::cast).findFirst();
    }

    private static Properties properties(Account account, char[] trustStorePassword,
                                         Consumer<String> folderOpenFailures) {
        String scheme = account.scheme();
        String prefix = "mail." + scheme + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "connectiontimeout", millis(account.connectionTimeout()));
        properties.setProperty(prefix + "timeout", millis(READ_WRITE_TIMEOUT));
        properties.setProperty(prefix + "writetimeout", millis(READ_WRITE_TIMEOUT));
        // Without a shared executor Angus starts a thread per connection to enforce write timeouts.
        properties.put(prefix + "executor.writetimeout", AuthenticationDeadline.watchdog());
        properties.setProperty(prefix + "ssl.checkserveridentity", "true");
        properties.put(prefix + "ssl.socketFactory",
                new DeadlineSslSocketFactory(TrustStores.context(account, trustStorePassword)));
        // Without this Angus retries a failed factory with its own default sockets: default trust, no deadline.
        properties.setProperty(prefix + "socketFactory.fallback", "false");
        if (!account.ssl()) {
            properties.put(prefix + "socketFactory", new DeadlineSocketFactory());
            properties.setProperty(prefix + "starttls.enable", "true");
            properties.setProperty(prefix + "starttls.required", String.valueOf(!account.insecure()));
        }
        // Real mail has comments, groups and UTF-8 in its addresses: a strict parse fails the IMAP envelope.
        properties.setProperty("mail.mime.address.strict", "false");
        // Whole bodies in one FETCH: 16 KB partial fetches halve the throughput of large attachments.
        properties.setProperty(prefix + "partialfetch", "false");
        properties.setProperty(prefix + DeadlineImapStore.ACCOUNT, account.name());
        properties.put(prefix + DeadlineImapStore.FOLDER_OPEN_FAILURES, folderOpenFailures);
        properties.setProperty(prefix + DeadlineImapStore.AUTHENTICATION_TIMEOUT,
                millis(account.authenticationTimeout()));
        return properties;
    }

    /**
     * The session of an account's IMAP IDLE watcher, made from the account's {@code session} (same trust, timeouts and
     * authentication deadline): its sockets are socket channels, which Angus's {@code IdleManager} selects on, and its
     * folder events go to one queue for the whole application instead of a thread per folder. A plain-IMAP account's
     * socket is not a {@link DeadlineSocketFactory} socket (a channel cannot be one): its deadline starts at STARTTLS.
     * Folder-open failures are not reported: they are the polls' to report.
     */
    public static Session forIdle(Session session, String scheme) {
        String prefix = "mail." + scheme + ".";
        Properties properties = new Properties();
        properties.putAll(session.getProperties());
        properties.setProperty(prefix + "usesocketchannels", "true");
        properties.setProperty("mail.event.scope", "application");
        properties.remove(prefix + DeadlineImapStore.FOLDER_OPEN_FAILURES);
        if (properties.get(prefix + "socketFactory") instanceof DeadlineSocketFactory) {
            properties.remove(prefix + "socketFactory");
        }
        return withDeadlineStore(properties, scheme);
    }

    private static Session withDeadlineStore(Properties properties, String scheme) {
        Session session = Session.getInstance(properties);
        try {
            session.setProvider(new Provider(Provider.Type.STORE, scheme, DeadlineImapStore.class.getName(),
                    "mailbridge", null));
            return session;
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("cannot register the " + scheme + " store", e);
        }
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
