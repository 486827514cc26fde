package io.mailbridge.actions;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.status.AccountStatuses;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.PersonsMailClient;
import io.mailbridge.support.RunningMailbridge;
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

/** Each {@code onSuccess} action, seen on the server once the route succeeded; a failed message is left alone. */
class OnSuccessTest {

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
    void move_puts_each_processed_message_in_the_target_mailbox_flagged_seen() throws Exception {
        server.deliver(LOGIN, message("First"));
        server.deliver(LOGIN, message("Second"));

        try (RunningMailbridge app = start("move:Processed/Done")) {
            expectDelivered(app, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "INBOX") == 0);
            assertThat(server.messageCount(LOGIN, "Processed/Done")).isEqualTo(2);
            assertThat(server.unseenCount(LOGIN, "Processed/Done")).isZero();
        }
    }

    @Test
    void delete_expunges_the_processed_messages_and_not_what_another_client_flagged_deleted() throws Exception {
        long othersDeleted = server.deliver(LOGIN, message("Flagged deleted by a person, not expunged yet"));
        server.deliver(LOGIN, message("Processed"));
        flagDeletedByAnotherClient(othersDeleted);

        try (RunningMailbridge app = start("delete")) {
            expectDelivered(app, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "INBOX") == 1);
            assertThat(server.flags(LOGIN, "INBOX", othersDeleted)).contains("\\Deleted");
        }
    }

    @Test
    void none_leaves_the_processed_message_as_it_was() throws Exception {
        long uid = server.deliver(LOGIN, message("Read by people only"));

        try (RunningMailbridge app = start("none")) {
            expectDelivered(app, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(app).lastSuccessfulPoll().isPresent()
                    && statusOf(app).deliveredCount() == 1);
            assertThat(server.flags(LOGIN, "INBOX", uid)).isEmpty();
            assertThat(server.messageCount(LOGIN, "INBOX")).isEqualTo(1);
        }
    }

    @Test
    void seen_is_the_default() throws Exception {
        long uid = server.deliver(LOGIN, message("Flagged seen"));

        try (RunningMailbridge app = start(null)) {
            expectDelivered(app, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", uid));
            assertThat(server.messageCount(LOGIN, "INBOX")).isEqualTo(1);
        }
    }

    @Test
    void a_failed_message_is_neither_moved_nor_deleted() throws Exception {
        long failing = server.deliver(LOGIN, message("Downstream rejects this one"));
        server.deliver(LOGIN, message("Fine"));
        RouteBuilder picky = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:picky").routeId("picky").process(exchange -> {
                    if (exchange.getMessage().getHeader("MailUid", Long.class) == failing) {
                        throw new IllegalStateException("rejected");
                    }
                }).to("mock:delivered");
            }
        };

        try (RunningMailbridge app = start("delete", picky, "to", "direct:picky", "maxAttempts", "100")) {
            expectDelivered(app, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "INBOX") == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(app).failedCount() >= 2);
            assertThat(server.flags(LOGIN, "INBOX", failing)).isEmpty();
        }
    }

    @Test
    void a_label_on_a_server_without_gmail_labels_is_refused_at_connect_and_nothing_is_taken() throws Exception {
        long uid = server.deliver(LOGIN, message("Stays untouched"));

        try (RunningMailbridge app = start("label:processed")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(app).lastError().isPresent());
            assertThat(statusOf(app).lastError()).get().asString()
                    .contains("onSuccess label:processed needs Gmail's X-GM-EXT-1 extension");
            assertThat(statusOf(app).deliveredCount()).isZero();
            assertThat(server.flags(LOGIN, "INBOX", uid)).isEmpty();
        }
    }

    private void flagDeletedByAnotherClient(long uid) throws Exception {
        new PersonsMailClient(server, LOGIN, "secret").flagDeleted("INBOX", uid);
    }

    private static void expectDelivered(RunningMailbridge app, int count) throws InterruptedException {
        MockEndpoint delivered = app.camel().getEndpoint("mock:delivered", MockEndpoint.class);
        delivered.expectedMinimumMessageCount(count);
        MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
    }

    private static io.mailbridge.status.AccountStatus statusOf(RunningMailbridge app) {
        return app.camel().getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class)
                .forAccount("support");
    }

    private RunningMailbridge start(String onSuccess) throws Exception {
        return start(onSuccess, null, "to", "mock:delivered");
    }

    private RunningMailbridge start(String onSuccess, RouteBuilder downstream, String... fields) throws Exception {
        String[] all = new String[fields.length + 2];
        all[0] = "onSuccess";
        all[1] = onSuccess == null ? null : "'" + onSuccess + "'";
        System.arraycopy(fields, 0, all, 2, fields.length);
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.pw}}", all).writeTo(dir);
        Map<String, String> properties = Map.of("test.pw", "secret",
                "mailbridge.dataDir", dir.resolve("data").toString());
        return downstream == null ? RunningMailbridge.start(accounts, dir, properties)
                : RunningMailbridge.start(accounts, dir, properties, downstream);
    }
}
