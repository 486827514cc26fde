package io.mailbridge.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailbridge.message.MailAddress;
import io.mailbridge.message.MailMessage;
import io.mailbridge.testkit.Deliveries;
import io.mailbridge.testkit.MailbridgeApp;
import io.mailbridge.testkit.MailbridgeTest;
import io.mailbridge.testkit.Mailboxes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The test kit on the pipeline that ships in routes/: how a user tests their own accounts file and routes. */
@MailbridgeTest(accounts = "routes/accounts.yaml", routes = "routes")
class DefaultPipelineExampleTest {

    @Test
    void a_refund_request_becomes_a_json_file_and_is_flagged_seen(Mailboxes mail, Deliveries out, MailbridgeApp app)
            throws Exception {
        long uid = mail.account("support").deliver(Path.of("testkit/src/test/resources/mail/examples/refund-request.eml"));

        MailMessage m = out.awaitOne("direct:mail", Duration.ofSeconds(10));
        assertThat(m.subject()).isEqualTo("Refund for order 1234");
        assertThat(m.uid()).isEqualTo(uid);
        assertThat(m.from()).isEqualTo(new MailAddress("María García", "maria.garcia@example.org"));
        assertThat(m.text()).contains("order 1234", "89,90 €");
        assertThat(m.attachments()).singleElement().satisfies(pdf -> {
            assertThat(pdf.fileName()).isEqualTo("invoice-1234.pdf");
            assertThat(pdf.contentType()).isEqualTo("application/pdf");
            assertThat(pdf.size()).isEqualTo(142);
        });

        Path file = app.outDir().resolve("support/" + m.uidValidity() + "-" + uid + ".json");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("subject").asText()).isEqualTo("Refund for order 1234");
        assertThat(json.path("from").path("address").asText()).isEqualTo("maria.garcia@example.org");
        assertThat(json.path("messageId").asText()).isEqualTo("<20261127084102.7731.refund-1234@mail.example.org>");
        assertThat(json.path("attachments").path(0).path("sha256").asText())
                .isEqualTo("93e31154c364805a3ef8c904bc257f5ef77600c31b67d392704cd6e1e9cd0657");

        assertThat(mail.account("support").isSeen(uid)).isTrue();
    }
}
