package io.mailbridge.demo;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ServerSocketFactory;

/** A real GreenMail IMAPS, IMAP and SMTP server on free 127.0.0.1 ports, with a certificate clients can verify. */
public final class LoopbackMailServer implements AutoCloseable {

    private final NoDelayServer imaps;
    private final NoDelayServer imap;
    private final NoDelayServer smtp;
    private final Mailboxes mailboxes;
    private final Path trustStore;

    private LoopbackMailServer(Managers managers, Path trustStore) {
        this.imaps = NoDelayServer.imap(ServerSetup.PROTOCOL_IMAPS, managers, LoopbackTls.serverSocketFactory());
        this.imap = NoDelayServer.imap(ServerSetup.PROTOCOL_IMAP, managers, ServerSocketFactory.getDefault());
        this.smtp = NoDelayServer.smtp(managers);
        this.mailboxes = new Mailboxes(managers);
        this.trustStore = trustStore;
    }

    public static LoopbackMailServer start() {
        LoopbackMailServer server = new LoopbackMailServer(new Managers(), LoopbackTls.copyTrustStore());
        try {
            server.servers().forEach(NoDelayServer::startAndWait);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String host() {
        return NoDelayServer.LOOPBACK;
    }

    public int imapsPort() {
        return imaps.getPort();
    }

    /** Plain IMAP: GreenMail 2.1.13 offers no STARTTLS, so this port never upgrades to TLS. */
    public int imapPort() {
        return imap.getPort();
    }

    public int smtpPort() {
        return smtp.getPort();
    }

    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return LoopbackTls.PASSWORD;
    }

    /** Adds the user, or changes the password of an existing one; the login is the e-mail address. */
    public void addUser(String login, String password) {
        mailboxes.addUser(login, password);
    }

    /** Stores the message straight into the user's INBOX, unseen, and returns its IMAP UID. */
    public long deliver(String login, byte[] rawMime) {
        return deliver(login, Mailboxes.INBOX, rawMime);
    }

    /** Stores the message straight into an existing mailbox of the user, unseen, and returns its IMAP UID. */
    public long deliver(String login, String mailbox, byte[] rawMime) {
        return mailboxes.deliver(login, mailbox, rawMime);
    }

    /** Like {@code Transport.send}, saves an unsaved message first, which gives it a fresh Message-ID. */
    public long deliver(String login, MimeMessage message) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            message.writeTo(raw);
        } catch (IOException | MessagingException e) {
            throw new IllegalArgumentException("cannot serialise the message delivered to '" + login + "'", e);
        }
        return deliver(login, raw.toByteArray());
    }

    public void createMailbox(String login, String name) {
        mailboxes.createMailbox(login, name);
    }

    public boolean isSeen(String login, String mailbox, long uid) {
        return mailboxes.flags(login, mailbox, uid).contains(Flags.Flag.SEEN);
    }

    /** IMAP flag names as a client sees them, e.g. {@code \Seen}, {@code \Flagged}, or a user keyword. */
    public Set<String> flags(String login, String mailbox, long uid) {
        return ImapFlagNames.of(mailboxes.flags(login, mailbox, uid));
    }

    public int messageCount(String login, String mailbox) {
        return mailboxes.folder(login, mailbox).getMessageCount();
    }

    public int unseenCount(String login, String mailbox) {
        return mailboxes.folder(login, mailbox).getUnseenCount();
    }

    public long uidValidity(String login, String mailbox) {
        return mailboxes.folder(login, mailbox).getUidValidity();
    }

    @Override
    public void close() {
        servers().forEach(NoDelayServer::stopAndWait);
        try {
            Files.deleteIfExists(trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary trust store " + trustStore, e);
        }
    }

    private Stream<NoDelayServer> servers() {
        return List.of(imaps, imap, smtp).stream();
    }
}
