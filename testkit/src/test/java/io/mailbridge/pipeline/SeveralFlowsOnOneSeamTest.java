package io.mailbridge.pipeline;

import io.mailbridge.message.MailMessage;
import io.mailbridge.testkit.Deliveries;
import io.mailbridge.testkit.Delivery;
import io.mailbridge.testkit.MailbridgeApp;
import io.mailbridge.testkit.MailbridgeTest;
import io.mailbridge.testkit.Mailboxes;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's tickets route next to the default JSON route, both on direct:mail. */
@MailbridgeTest(accounts = "routes/accounts.yaml", routes = "testkit/src/test/resources/pipeline/seam", replace = "kafka:*")
class SeveralFlowsOnOneSeamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void each_route_on_direct_mail_gets_the_message_and_it_is_seen_once_both_succeeded(Mailboxes mail,
            Deliveries out, MailbridgeApp app) {
        long uid = mail.account("support").message().subject("Where is my order 1234?").deliver();

        String ticket = out.awaitOne("kafka:tickets", String.class, WAIT);
        MailMessage message = out.awaitOne("direct:mail", WAIT);
        assertThat(ticket).contains("\"subject\":\"Where is my order 1234?\"");
        assertThat(app.outDir().resolve("support/" + message.uidValidity() + "-" + uid + ".json")).exists();
        assertThat(mail.account("support").isSeen(uid)).isTrue();
    }

    @Test
    void each_route_gets_the_message_as_mapped_whatever_the_route_before_it_did_to_its_copy(Mailboxes mail,
            Deliveries out) {
        mail.account("support").message().subject("order 77").deliver();

        // mail-to-json runs first and marshals its body; the tickets filter still reads ${body.subject}
        assertThat(out.awaitOne("kafka:tickets", String.class, WAIT)).contains("\"subject\":\"order 77\"");
    }

    @Test
    void a_failing_route_leaves_the_message_unseen_and_its_retry_does_not_run_the_routes_that_succeeded(
            Mailboxes mail, Deliveries out, MailbridgeApp app) throws Exception {
        out.failAt("kafka:tickets", new ConnectException("broker down"));
        long uid = mail.account("support").message().subject("Where is my order 1234?").deliver();

        Delivery failed = out.awaitCount("kafka:tickets", 1, WAIT).get(0);
        assertThat(failed.header("MailUid")).isEqualTo(uid);
        assertThat(failed.failure()).get().isInstanceOf(ConnectException.class);
        assertThat(mail.account("support").isSeen(uid)).isFalse();

        out.stopFailingAt("kafka:tickets");
        mail.account("support").awaitSeen(uid, WAIT);
        assertThat(out.awaitCount("kafka:tickets", 2, WAIT).get(1).failure()).isEmpty();
        assertThat(out.received("file:*")).hasSize(1);
        try (var files = Files.list(app.outDir().resolve("support"))) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).singleElement()
                    .satisfies(name -> assertThat(name).endsWith("-" + uid + ".json"));
        }
    }

    @Test
    void the_seam_is_one_route_and_the_pipeline_routes_keep_their_ids(MailbridgeApp app) {
        assertThat(app.camel().getRoute("mailbridge-seam-mail").getEndpoint().getEndpointUri())
                .isEqualTo("direct://mail");
        assertThat(app.camel().getRoute("mail-to-json").getEndpoint().getEndpointUri())
                .isEqualTo("direct://mailbridge-flow-mail-to-json");
        assertThat(app.camel().getRoute("tickets").getEndpoint().getEndpointUri())
                .isEqualTo("direct://mailbridge-flow-tickets");
    }
}
