package io.mailbridge.reload;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.RunningMailbridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.mailbridge.reload.ReloadingApp.SALES;
import static io.mailbridge.reload.ReloadingApp.sales;
import static io.mailbridge.reload.ReloadingApp.start;
import static io.mailbridge.reload.ReloadingApp.support;
import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Removing an account whose route is in the middle of a message. */
class GracefulRemovalTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private final SlowDownstream downstream = new SlowDownstream();

    @BeforeEach
    void startServer() {
        server = ReloadingApp.server();
    }

    @AfterEach
    void stopServer() {
        downstream.release();
        server.close();
    }

    @Test
    void a_removed_account_finishes_its_in_flight_message_before_its_route_goes() throws Exception {
        long uid = server.deliver(SALES, message("Slow to process"));
        Path accounts = sales(support(server, "mock:support"), SlowDownstream.ENDPOINT, "pollInterval", "30")
                .writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true, downstream)) {
            assertThat(downstream.awaitMessage()).as("the message reached the downstream").isTrue();
            support(server, "mock:support").writeTo(dir);
            await().atMost(WAIT).until(() -> logs.text().contains("Inflights per route: [mail-sales = "));
            assertThat(app.camel().getRoute("mail-sales")).as("the removal waits for the message").isNotNull();

            downstream.release();
            await().atMost(WAIT).until(() -> logs.text().contains("account 'sales' removed"));
            assertThat(server.isSeen(SALES, "INBOX", uid)).as("processed, then flagged seen").isTrue();
            assertThat(app.camel().getRoute("mail-sales")).isNull();
        }
    }

    @Test
    void the_poll_watchdog_leaves_a_route_alone_while_its_removal_waits_for_a_slow_message()
            throws Exception {
        server.deliver(SALES, message("Slower than the poll watchdog's patience"));
        Path accounts = sales(support(server, "mock:support"), SlowDownstream.ENDPOINT).writeTo(dir);

        // poll interval 0.5 s: the watchdog restarts a route that has not polled for 3 s, checking every 50 ms
        try (CapturedLogs logs = new CapturedLogs();
             RunningMailbridge app = start(accounts, dir, Map.of("mailbridge.watchdogSeconds", "0.05"), downstream)) {
            assertThat(downstream.awaitMessage()).isTrue();
            support(server, "mock:support").writeTo(dir);
            await().atMost(WAIT).until(() -> logs.text().contains("timeout in 27 seconds"));

            downstream.release();
            await().atMost(WAIT).until(() -> logs.text().contains("account 'sales' removed"));
            assertThat(logs.text()).as("the watchdog kept out of a stopping route")
                    .doesNotContain("restarting route mail-sales");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> app.camel().getRoute("mail-sales") == null);
        }
    }
}
