package io.mailbridge.testkit;

import io.mailbridge.message.MailMessage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@MailbridgeTest(accounts = "testkit/src/test/resources/mail/examples/testkit/accounts.yaml",
        routes = "testkit/src/test/resources/mail/examples/testkit/routes",
        replace = "kafka:*", properties = "helpdesk.password=correct horse")
class ReplacedEndpointsTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void a_replaced_endpoint_records_what_the_route_sends_and_the_mail_is_seen(Mailboxes mail, Deliveries out) {
        long uid = mail.account("helpdesk").message().subject("Where is my order 991?").deliver();

        String ticket = out.awaitOne("kafka:tickets", String.class, TEN_SECONDS);
        assertThat(ticket).contains("\"subject\":\"Where is my order 991?\"", "\"account\":\"helpdesk\"");
        assertThat(mail.account("helpdesk").isSeen(uid)).isTrue();
    }

    @Test
    void an_account_reading_another_mailbox_with_a_generated_password_gets_its_mail(Mailboxes mail, Deliveries out) {
        long uid = mail.account("sales").message().subject("Quote for 300 seats").deliver();

        MailMessage m = out.awaitOne("direct:mail", TEN_SECONDS);
        assertThat(m.account()).isEqualTo("sales");
        assertThat(m.mailbox()).isEqualTo("Leads/EU");
        assertThat(m.uid()).isEqualTo(uid);
        assertThat(out.received("kafka:*")).isEmpty();
    }

    @Test
    void a_failing_downstream_leaves_the_message_unseen_until_it_recovers(Mailboxes mail, Deliveries out) {
        out.failAt("kafka:tickets", new IllegalStateException("broker down"));
        AccountMailbox helpdesk = mail.account("helpdesk");
        long uid = helpdesk.message().subject("Refund for order 1234").deliver();

        Delivery attempt = out.awaitCount("kafka:tickets", 1, TEN_SECONDS).get(0);
        assertThat(attempt.failure()).hasValueSatisfying(e -> assertThat(e).hasMessage("broker down"));
        assertThat(helpdesk.isSeen(uid)).isFalse();
        assertThat(helpdesk.contains(uid)).isTrue();

        out.stopFailingAt("kafka:tickets");
        helpdesk.awaitSeen(uid, TEN_SECONDS);
    }

    @Test
    void a_message_that_keeps_failing_is_quarantined(Mailboxes mail, Deliveries out) {
        out.failAt("kafka:*", new IllegalStateException("broker down"));
        AccountMailbox sales = mail.account("sales");
        long uid = sales.message().subject("Cancel order 5").deliver();

        sales.awaitQuarantined(1, Duration.ofSeconds(20));
        assertThat(sales.messageCount("Leads/quarantine")).isEqualTo(1);
        assertThat(sales.contains(uid)).isFalse();
        assertThat(out.received("kafka:tickets")).hasSize(3)
                .allSatisfy(attempt -> assertThat(attempt.failure()).isPresent());
    }

    @Test
    @MailbridgeTest(replace = "file:*")
    void the_default_pipeline_with_its_file_endpoint_replaced_writes_nothing(Mailboxes mail, Deliveries out,
                                                                             MailbridgeApp app) {
        mail.account("support").message().subject("Printer on fire").deliver();

        String json = out.awaitOne("file:*", String.class, TEN_SECONDS);
        assertThat(json).contains("\"subject\":\"Printer on fire\"");
        assertThat(Files.exists(app.outDir())).isFalse();
    }
}
