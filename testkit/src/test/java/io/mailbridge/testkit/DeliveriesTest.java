package io.mailbridge.testkit;

import io.mailbridge.message.MailMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MailbridgeTest
class DeliveriesTest {

    @Test
    void a_wait_that_times_out_says_what_was_expected_and_what_arrived_instead(Mailboxes mail, Deliveries out) {
        mail.account("support").message().subject("Printer on fire").deliver();
        out.awaitOne("direct:mail", Duration.ofSeconds(10));

        assertThatThrownBy(() -> out.awaitOne("direct:tickets", Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected 1 message at direct:tickets within 0.3 s, got 0")
                .hasMessageContaining("messages seen at other endpoints: direct://mail (1), file://");
    }

    @Test
    void a_message_is_recorded_with_the_body_and_headers_it_had_when_sent(Mailboxes mail, Deliveries out) {
        long uid = mail.account("support").message().subject("Printer on fire").deliver();

        List<Delivery> sent = out.awaitCount("direct:mail", 1, Duration.ofSeconds(10));
        assertThat(sent.get(0).body()).isInstanceOf(MailMessage.class);
        assertThat(sent.get(0).header("MailUid")).isEqualTo(uid);
        assertThat(sent.get(0).fromRouteId()).isEqualTo("mail-support");
        assertThat(sent.get(0).failure()).isEmpty();
        assertThat(out.received("file:*")).singleElement()
                .satisfies(json -> assertThat(json.body(String.class)).contains("\"subject\":\"Printer on fire\""));
    }

    @Test
    void awaiting_one_message_fails_when_more_arrived(Mailboxes mail, Deliveries out) {
        mail.account("support").message().subject("First").deliver();
        mail.account("support").message().subject("Second").deliver();
        out.awaitCount("direct:mail", 2, Duration.ofSeconds(10));

        assertThatThrownBy(() -> out.awaitOne("direct:mail", Duration.ofSeconds(1)))
                .hasMessageStartingWith("expected 1 message at direct:mail, got 2")
                .hasMessageContaining("'First'").hasMessageContaining("'Second'");
    }
}
