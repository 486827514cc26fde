package io.mailbridge.route;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.message.MailHeaders;
import io.mailbridge.message.MailMessage;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccountRoutesTest {

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser("support@example.com", "support-secret");
        server.addUser("sales@example.com", "sales-secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void each_account_gets_its_own_route_and_only_its_own_mail() throws Exception {
        server.createMailbox("sales@example.com", "Leads/EU");
        long supportUid = server.deliver("support@example.com", message("Printer on fire"));
        long salesUid = server.deliver("sales@example.com", "Leads/EU", message("Quote for 300 seats"));
        server.deliver("sales@example.com", message("Left in INBOX, which this account does not read"));
        Path accounts = new AccountsFile(server)
                .account("support", "support@example.com", "{{test.support}}", "to", "mock:support")
                .account("sales", "sales@example.com", "{{test.sales}}", "to", "mock:sales", "mailbox", "Leads/EU")
                .writeTo(dir);

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir, Map.of(
                "test.support", "support-secret", "test.sales", "sales-secret", "mailbridge.dataDir", dir.toString()))) {
            MockEndpoint support = app.camel().getEndpoint("mock:support", MockEndpoint.class);
            MockEndpoint sales = app.camel().getEndpoint("mock:sales", MockEndpoint.class);
            support.expectedMessageCount(1);
            sales.expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);

            assertThat(app.camel().getRoute("mail-support")).isNotNull();
            assertThat(app.camel().getRoute("mail-sales")).isNotNull();
            Exchange supportMail = support.getExchanges().get(0);
            assertThat(supportMail.getMessage().getBody(MailMessage.class))
                    .extracting(MailMessage::account, MailMessage::mailbox, MailMessage::uid, MailMessage::subject)
                    .containsExactly("support", "INBOX", supportUid, "Printer on fire");
            assertThat(supportMail.getMessage().getHeaders()).containsEntry(MailHeaders.ACCOUNT, "support")
                    .containsEntry(MailHeaders.MAILBOX, "INBOX")
                    .containsEntry(MailHeaders.UID, supportUid)
                    .containsEntry(MailHeaders.UID_VALIDITY, server.uidValidity("support@example.com", "INBOX"))
                    .containsEntry(MailHeaders.MESSAGE_ID, "<printer-on-fire@test.example>");
            assertThat(sales.getExchanges().get(0).getMessage().getBody(MailMessage.class))
                    .extracting(MailMessage::account, MailMessage::mailbox, MailMessage::uid, MailMessage::subject)
                    .containsExactly("sales", "Leads/EU", salesUid, "Quote for 300 seats");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen("sales@example.com", "Leads/EU", salesUid)
                    && server.isSeen("support@example.com", "INBOX", supportUid));
            assertThat(server.unseenCount("sales@example.com", "INBOX")).isEqualTo(1);
        }
    }

    @Test
    void a_message_is_flagged_seen_only_after_the_downstream_route_succeeded() throws Exception {
        long uid = server.deliver("support@example.com", message("Refund for order 1234"));
        Path accounts = new AccountsFile(server)
                .account("support", "support@example.com", "{{test.support}}", "to", "direct:flaky")
                .writeTo(dir);
        FlakyDownstream downstream = new FlakyDownstream(2);

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                Map.of("test.support", "support-secret", "mailbridge.dataDir", dir.toString()), downstream)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> downstream.attempts() >= 1);
            assertThat(server.isSeen("support@example.com", "INBOX", uid))
                    .as("unseen after the first failed attempt").isFalse();

            await().atMost(Duration.ofSeconds(20)).until(() -> server.isSeen("support@example.com", "INBOX", uid));
            assertThat(downstream.attempts()).isEqualTo(3);
            assertThat(downstream.delivered()).isEqualTo(1);
        }
    }

    @Test
    void a_backlog_drains_batch_after_batch_without_waiting_for_the_poll_interval() throws Exception {
        for (int i = 1; i <= 30; i++) {
            server.deliver("support@example.com", message("Backlog " + i));
        }
        Path accounts = new AccountsFile(server).account("support", "support@example.com", "{{test.support}}",
                "to", "mock:support", "maxMessagesPerPoll", "5", "pollInterval", "60").writeTo(dir);

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                Map.of("test.support", "support-secret", "mailbridge.dataDir", dir.toString()))) {
            MockEndpoint support = app.camel().getEndpoint("mock:support", MockEndpoint.class);
            support.expectedMessageCount(30);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
        }
    }

    /** A downstream route that fails its first N attempts, then succeeds. */
    static final class FlakyDownstream extends RouteBuilder {

        private final int failures;
        private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger delivered = new java.util.concurrent.atomic.AtomicInteger();

        FlakyDownstream(int failures) {
            this.failures = failures;
        }

        int attempts() {
            return attempts.get();
        }

        int delivered() {
            return delivered.get();
        }

        @Override
        public void configure() {
            from("direct:flaky").routeId("flaky-downstream").process(exchange -> {
                if (attempts.incrementAndGet() <= failures) {
                    throw new IllegalStateException("downstream unavailable (attempt " + attempts.get() + ")");
                }
                delivered.incrementAndGet();
            });
        }
    }
}
