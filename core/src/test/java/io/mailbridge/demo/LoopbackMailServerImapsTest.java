package io.mailbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.util.Arrays;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A verifying IMAPS client against the loopback server. */
class LoopbackMailServerImapsTest {

    private static final String LOGIN = "support@example.com";
    private static final String PASSWORD = "p&ss+w%rd = with spaces";

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, PASSWORD);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void a_verifying_client_sees_delivered_messages_under_the_uids_deliver_returned() throws Exception {
        long first = server.deliver(LOGIN, mime("first"));
        long second = server.deliver(LOGIN, mime("second"));

        try (Store store = connect();
             Folder inbox = openInbox(store, Folder.READ_ONLY)) {
            UIDFolder uids = (UIDFolder) inbox;
            assertThat(Arrays.stream(inbox.getMessages()).mapToLong(m -> uid(uids, m))).containsExactly(first, second);
            assertThat(uids.getMessageByUID(second).getSubject()).isEqualTo("second");
            assertThat(uids.getUIDValidity()).isEqualTo(server.uidValidity(LOGIN, "INBOX"));
        }
    }

    @Test
    void a_seen_flag_set_by_the_client_shows_in_is_seen() throws Exception {
        long uid = server.deliver(LOGIN, mime("read me"));
        assertThat(server.isSeen(LOGIN, "INBOX", uid)).isFalse();

        try (Store store = connect();
             Folder inbox = openInbox(store, Folder.READ_WRITE)) {
            ((UIDFolder) inbox).getMessageByUID(uid).setFlag(Flags.Flag.SEEN, true);
        }

        assertThat(server.isSeen(LOGIN, "INBOX", uid)).isTrue();
        assertThat(server.flags(LOGIN, "INBOX", uid)).contains("\\Seen");
        assertThat(server.unseenCount(LOGIN, "INBOX")).isZero();
    }

    @Test
    void a_client_with_only_the_default_jdk_trust_fails_the_handshake() {
        assertThatThrownBy(() -> ClientSessions.imapsWithDefaultJdkTrust(server).getStore("imaps")
                .connect(LOGIN, PASSWORD))
            .isInstanceOf(MessagingException.class)
            .hasCauseInstanceOf(SSLHandshakeException.class)
            .hasRootCauseInstanceOf(CertPathBuilderException.class);
    }

    private Store connect() throws Exception {
        Store store = ClientSessions.imapsTrusting(server).getStore("imaps");
        store.connect(LOGIN, PASSWORD);
        return store;
    }

    private static Folder openInbox(Store store, int mode) throws MessagingException {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(mode);
        return inbox;
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mime(String subject) {
        return ("From: sender@example.org\r\nTo: " + LOGIN + "\r\nSubject: " + subject
            + "\r\nMessage-ID: <" + subject.replace(' ', '.') + "@example.org>\r\n\r\nbody of " + subject + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }
}
