package io.mailbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SMTP, plain IMAP and mailbox management of the loopback server. */
class LoopbackMailServerProtocolsTest {

    private static final String LOGIN = "sales@example.com";
    private static final String PASSWORD = "s3cret";

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
    void a_message_sent_over_smtp_arrives_in_the_recipients_inbox() throws Exception {
        Session session = ClientSessions.smtp(server);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("customer@example.org"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(LOGIN));
        message.setSubject("Quote request");
        message.setText("Please send a quote for 40 units.");

        Transport.send(message);

        await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "INBOX") == 1);
    }

    @Test
    void a_client_that_requires_starttls_is_refused_by_the_plain_imap_port() {
        assertThatThrownBy(() -> ClientSessions.imapRequiringStartTls(server).getStore("imap")
                .connect(LOGIN, PASSWORD))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("STARTTLS");
    }

    @Test
    void mail_delivered_to_a_created_mailbox_is_read_there_by_the_client() throws Exception {
        server.createMailbox(LOGIN, "Archive");
        long uid = server.deliver(LOGIN, "Archive", "Subject: filed\r\n\r\nold news\r\n".getBytes(US_ASCII));

        try (Store store = ClientSessions.imapsTrusting(server).getStore("imaps")) {
            store.connect(LOGIN, PASSWORD);
            IMAPFolder archive = (IMAPFolder) store.getFolder("Archive");
            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessageByUID(uid).getSubject()).isEqualTo("filed");
            archive.close(false);
        }
        assertThat(server.messageCount(LOGIN, "INBOX")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a&b+c%d =e", "quote\"and\\backslash", "  leading and trailing  ", "{5}", "tab\tand(parens)*"})
    void a_password_of_any_characters_logs_in_over_imaps(String password) throws Exception {
        server.addUser(LOGIN, password);

        try (Store store = ClientSessions.imapsTrusting(server).getStore("imaps")) {
            store.connect(LOGIN, password);
            assertThat(store.isConnected()).isTrue();
        }
    }
}
