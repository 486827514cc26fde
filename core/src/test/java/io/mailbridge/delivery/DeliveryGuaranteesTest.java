package io.mailbridge.delivery;

import io.mailbridge.consumer.MailboxCursor;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryGuaranteesTest {

    private static final String LOGIN = "support@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void a_message_whose_downstream_always_fails_is_quarantined_after_max_attempts_and_the_rest_flows()
            throws Exception {
        long poison = server.deliver(LOGIN, message("Always fails downstream"));
        long good = server.deliver(LOGIN, message("Fine"));
        long uidValidity = server.uidValidity(LOGIN, "INBOX");
        AtomicInteger attempts = new AtomicInteger();
        RouteBuilder downstream = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:picky").routeId("picky").process(exchange -> {
                    if (exchange.getMessage().getHeader("MailUid", Long.class) == poison) {
                        attempts.incrementAndGet();
                        throw new IllegalStateException("ticket system rejected it: no customer number");
                    }
                }).to("mock:delivered");
            }
        };

        try (LogCapture logs = new LogCapture();
             RunningMailbridge app = start("direct:picky", downstream, "maxAttempts", "2")) {
            MockEndpoint delivered = app.camel().getEndpoint("mock:delivered", MockEndpoint.class);
            delivered.expectedHeaderReceived("MailUid", good);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> server.messageCount(LOGIN, "mailbridge-quarantine") == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "INBOX") == 1);
            assertThat(attempts).hasValue(2);
            assertThat(server.isSeen(LOGIN, "INBOX", good)).isTrue();

            Path deadLetter = dir.resolve("data").resolve("dead-letter").resolve("support");
            assertThat(deadLetter.resolve(uidValidity + "-" + poison + ".eml"))
                    .hasBinaryContent(message("Always fails downstream"));
            assertThat(Files.readString(deadLetter.resolve(uidValidity + "-" + poison + ".reason.txt")))
                    .contains("uid: " + poison).contains("attempts: 2")
                    .contains("ticket system rejected it: no customer number");
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN")
                    && line.contains("account 'support' uid " + poison + ": quarantined to mailbox 'mailbridge-quarantine'")
                    && line.contains("no customer number"));
        }
    }

    @Test
    void a_message_recorded_as_delivered_is_flagged_seen_without_being_delivered_again() throws Exception {
        long uid = server.deliver(LOGIN, message("Delivered just before a crash"));
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir.resolve("data").resolve("ledger"), "support")) {
            ledger.recordStart("INBOX", startedAt(server.uidValidity(LOGIN, "INBOX")));
            ledger.recordDelivered(new MessageKey("support", "INBOX", server.uidValidity(LOGIN, "INBOX"), uid));
        }
        long next = server.deliver(LOGIN, message("Not delivered yet"));

        try (RunningMailbridge app = start("mock:out", null)) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            out.expectedHeaderReceived("MailUid", next);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", uid));
            assertThat(out.getReceivedCounter()).isEqualTo(1);
        }
    }

    @Test
    void a_rebuilt_mailbox_is_reported_and_its_mail_delivered_under_the_new_identity() throws Exception {
        long uid = server.deliver(LOGIN, message("Same UID, new mailbox"));
        long current = server.uidValidity(LOGIN, "INBOX");
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir.resolve("data").resolve("ledger"), "support")) {
            ledger.recordStart("INBOX", startedAt(current - 1));
            ledger.recordDelivered(new MessageKey("support", "INBOX", current - 1, uid));
        }

        try (LogCapture logs = new LogCapture(); RunningMailbridge app = start("mock:out", null)) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            out.expectedHeaderReceived("MailUidValidity", current);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN")
                    && line.contains("UIDVALIDITY changed from " + (current - 1) + " to " + current));
        }
    }

    private RunningMailbridge start(String to, RouteBuilder downstream, String... fields) throws Exception {
        String[] all = new String[fields.length + 2];
        all[0] = "to";
        all[1] = to;
        System.arraycopy(fields, 0, all, 2, fields.length);
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.pw}}", all).writeTo(dir);
        Map<String, String> properties = Map.of("test.pw", "secret", "mailbridge.dataDir", dir.resolve("data").toString());
        return downstream == null ? RunningMailbridge.start(accounts, dir, properties)
                : RunningMailbridge.start(accounts, dir, properties, downstream);
    }

    /** A cursor that takes every message of the mailbox with this UIDVALIDITY. */
    private static LedgerCursor startedAt(long uidValidity) {
        return new LedgerCursor(uidValidity, new MailboxCursor(0, 0, "ALL"));
    }
}
