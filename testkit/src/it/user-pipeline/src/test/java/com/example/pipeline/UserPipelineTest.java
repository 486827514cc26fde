package com.example.pipeline;

import io.mailbridge.message.MailMessage;
import io.mailbridge.testkit.Deliveries;
import io.mailbridge.testkit.MailbridgeTest;
import io.mailbridge.testkit.Mailboxes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests this project's routes/ against a real IMAPS server, without Kafka: kafka:* is replaced. */
@MailbridgeTest(accounts = "routes/accounts.yaml", routes = "routes", replace = "kafka:*")
class UserPipelineTest {

    @Test
    void a_question_about_an_order_becomes_a_ticket(Mailboxes mail, Deliveries out) {
        long uid = mail.account("helpdesk").deliver(Path.of("src/test/resources/mail/order-question.eml"));

        String ticket = out.awaitOne("kafka:tickets", String.class, Duration.ofSeconds(10));
        assertThat(ticket).contains("\"subject\":\"Where is my order 1234?\"",
                "\"address\":\"jonas.berg@example.net\"");
        assertThat(mail.account("helpdesk").isSeen(uid)).isTrue();
    }

    @Test
    void other_mail_is_no_ticket_but_is_still_flagged_seen(Mailboxes mail, Deliveries out) {
        long uid = mail.account("helpdesk").message().subject("Newsletter: autumn sale").text("20% off").deliver();

        MailMessage m = out.awaitOne("direct:mail", Duration.ofSeconds(10));
        assertThat(m.subject()).isEqualTo("Newsletter: autumn sale");
        assertThat(out.received("kafka:tickets")).isEmpty();
        assertThat(mail.account("helpdesk").isSeen(uid)).isTrue();
    }
}
