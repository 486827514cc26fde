package io.mailbridge.bench;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The harness's own IMAPS client: verified TLS against the bench trust store, and the mailbox chores between
 * contenders (prime the index, clear \Seen, count unseen messages).
 */
final class Imap {

    private final Server server;
    private final Session session;

    Imap(Server server, Properties extra) {
        this.server = server;
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        properties.put("mail.imaps.ssl.socketFactory", sslContext(server).getSocketFactory());
        properties.setProperty("mail.imaps.socketFactory.fallback", "false");
        properties.setProperty("mail.imaps.connectiontimeout", "10000");
        properties.setProperty("mail.imaps.timeout", "120000");
        properties.putAll(extra);
        this.session = Session.getInstance(properties);
    }

    Imap(Server server) {
        this(server, new Properties());
    }

    Store connect(String user) throws MessagingException {
        Store store = session.getStore("imaps");
        store.connect(server.host(), server.port(), user, server.password());
        return store;
    }

    /** Opens every mailbox once read-write, so Dovecot indexes the new Maildir files before anyone measures. */
    void prime(List<String> users) throws Exception {
        forEach(users, folder -> folder.getMessageCount());
    }

    /** Clears \Seen where any message has it; returns how many mailboxes needed it. */
    int markAllUnseen(List<String> users) throws Exception {
        return forEach(users, folder -> {
            int count = folder.getMessageCount();
            if (count > 0 && folder.getUnreadMessageCount() < count) {
                folder.setFlags(1, count, new Flags(Flags.Flag.SEEN), false);
                return 1;
            }
            return 0;
        });
    }

    /** The number of messages still without \Seen, over all mailboxes. */
    int countUnseen(List<String> users) throws Exception {
        return forEach(users, Folder::getUnreadMessageCount);
    }

    private interface FolderTask {
        int apply(Folder folder) throws MessagingException;
    }

    private int forEach(List<String> users, FolderTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, users.size()));
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String user : users) {
                results.add(pool.submit(() -> {
                    try (Store store = connect(user)) {
                        Folder inbox = store.getFolder("INBOX");
                        inbox.open(Folder.READ_WRITE);
                        try {
                            return task.apply(inbox);
                        } finally {
                            inbox.close(false);
                        }
                    }
                }));
            }
            int sum = 0;
            for (Future<Integer> result : results) {
                sum += result.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    static SSLContext sslContext(Server server) {
        try (InputStream in = Files.newInputStream(server.trustStore())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(in, server.trustStorePassword().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the bench trust store " + server.trustStore(), e);
        }
    }
}
