package io.mailbridge.support;

import io.mailbridge.demo.LoopbackMailServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Properties;

/** A person's own mail client on a {@link LoopbackMailServer}: logs in over IMAPS and reads mail, as Gmail's web page does. */
public final class PersonsMailClient {

    private final LoopbackMailServer server;
    private final String login;
    private final String password;

    public PersonsMailClient(LoopbackMailServer server, String login, String password) {
        this.server = server;
        this.login = login;
        this.password = password;
    }

    /** Opens the messages, which flags them {@code \Seen} on the server. */
    public void read(String mailbox, long... uids) throws Exception {
        flag(mailbox, Flags.Flag.SEEN, false, uids);
    }

    /** Deletes the messages for good (flagged deleted, then expunged). */
    public void delete(String mailbox, long... uids) throws Exception {
        flag(mailbox, Flags.Flag.DELETED, true, uids);
    }

    /** Flags the messages deleted without expunging them, as a client that expunges later (or never) does. */
    public void flagDeleted(String mailbox, long... uids) throws Exception {
        flag(mailbox, Flags.Flag.DELETED, false, uids);
    }

    private void flag(String mailbox, Flags.Flag flag, boolean expunge, long... uids) throws Exception {
        Store store = session().getStore("imaps");
        store.connect(server.host(), server.imapsPort(), login, password);
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox);
            folder.open(Folder.READ_WRITE);
            for (long uid : uids) {
                Message message = folder.getMessageByUID(uid);
                if (message == null) {
                    throw new MessagingException("no message with UID " + uid + " in " + mailbox);
                }
                message.setFlag(flag, true);
            }
            folder.close(expunge);
        } finally {
            store.close();
        }
    }

    private Session session() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.trustStore())) {
            trusted.load(in, server.trustStorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.socketFactory", context.getSocketFactory());
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        properties.setProperty("mail.imaps.connectiontimeout", "10000");
        properties.setProperty("mail.imaps.timeout", "10000");
        return Session.getInstance(properties);
    }
}
