package io.mailbridge.testkit;

import io.mailbridge.message.MailAddress;
import io.mailbridge.message.MailMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@MailbridgeTest
class MailBuilderTest {

    @Test
    void a_composed_message_reaches_the_pipeline_with_every_field(Mailboxes mail, Deliveries out) {
        long uid = mail.account("support").message()
                .from("Ana Pérez <ana@example.org>")
                .cc("billing@example.com")
                .replyTo("ana.private@example.org")
                .subject("Reembolso del pedido 77: ¿cuándo?")
                .text("Hola, ¿cuándo llega el reembolso?")
                .html("<p>Hola, ¿cuándo llega el <b>reembolso</b>?</p>")
                .attachment("recibo.txt", "text/plain", "pedido 77: 12,00 €".getBytes(StandardCharsets.UTF_8))
                .header("Message-ID", "<pedido-77@example.org>")
                .charset("ISO-8859-1")
                .deliver();

        MailMessage m = out.awaitOne("direct:mail", Duration.ofSeconds(10));
        assertThat(m.uid()).isEqualTo(uid);
        assertThat(m.from()).isEqualTo(new MailAddress("Ana Pérez", "ana@example.org"));
        assertThat(m.to()).extracting(MailAddress::address).containsExactly("support@example.com");
        assertThat(m.cc()).extracting(MailAddress::address).containsExactly("billing@example.com");
        assertThat(m.replyTo()).extracting(MailAddress::address).containsExactly("ana.private@example.org");
        assertThat(m.messageId()).isEqualTo("<pedido-77@example.org>");
        assertThat(m.subject()).isEqualTo("Reembolso del pedido 77: ¿cuándo?");
        assertThat(m.text()).isEqualTo("Hola, ¿cuándo llega el reembolso?");
        assertThat(m.html()).isEqualTo("<p>Hola, ¿cuándo llega el <b>reembolso</b>?</p>");
        assertThat(m.attachments()).singleElement().satisfies(receipt -> {
            assertThat(receipt.fileName()).isEqualTo("recibo.txt");
            assertThat(receipt.size()).isEqualTo(20);
        });
    }

    @Test
    void an_empty_builder_makes_a_plain_message_to_the_account(Mailboxes mail) {
        String raw = new String(mail.account("support").message().toBytes(), StandardCharsets.UTF_8);

        assertThat(raw).contains("From: Test Sender <sender@example.com>", "To: support@example.com",
                "Content-Type: text/plain; charset=UTF-8", "Message-ID: <", "Date: ");
    }
}
