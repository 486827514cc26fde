package io.mailbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo seed mail, delivered to a loopback server and read back over IMAPS. */
class DemoMailTest {

    private static final String PASSWORD = "demo pass&word";

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(DemoMail.ACCOUNT, PASSWORD);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void delivering_the_seed_gives_every_message_unseen() {
        List<byte[]> seed = DemoMail.rawMessages();

        seed.forEach(raw -> server.deliver(DemoMail.ACCOUNT, raw));

        assertThat(seed).hasSize(6);
        assertThat(server.messageCount(DemoMail.ACCOUNT, "INBOX")).isEqualTo(6);
        assertThat(server.unseenCount(DemoMail.ACCOUNT, "INBOX")).isEqualTo(6);
    }

    @Test
    void the_seed_reads_back_with_its_non_ascii_subjects_and_message_ids() throws Exception {
        DemoMail.messages().forEach(message -> server.deliver(DemoMail.ACCOUNT, message));

        try (Store store = ClientSessions.imapsTrusting(server).getStore("imaps")) {
            store.connect(DemoMail.ACCOUNT, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();

            assertThat(Arrays.stream(messages).map(DemoMailTest::subject)).contains(
                "Réclamation commande n°1234 – ça ne marche pas", "11月26日 定例会議の議事録");
            assertThat(messages[0].getHeader("Message-ID")).containsExactly("<CAKf9a2u8-lunch-2026@mail.example.org>");
            inbox.close(false);
        }
    }

    @Test
    void the_seed_covers_an_attachment_an_alternative_and_an_inline_image() {
        assertThat(DemoMail.messages()).extracting(DemoMailTest::contentType)
            .anyMatch(type -> type.startsWith("multipart/mixed"))
            .anyMatch(type -> type.startsWith("multipart/alternative"))
            .anyMatch(type -> type.startsWith("multipart/related"))
            .anyMatch(type -> type.startsWith("text/plain"));
    }

    private static String subject(Message message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(Message message) {
        try {
            return message.getContentType();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
