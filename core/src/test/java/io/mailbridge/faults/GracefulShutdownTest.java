package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GracefulShutdownTest {

    private static final String LOGIN = "support@example.com";
    private static final String PASSWORD = "support-secret";
    private static final int MESSAGES = 100;
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private ChildMailbridge child;

    @RegisterExtension
    final AfterTestExecutionCallback childOutputOnFailure = context -> context.getExecutionException()
            .filter(failure -> child != null)
            .ifPresent(failure -> System.out.println("child mailbridge output, last lines:\n" + child.logTail(150)));

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, PASSWORD);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        server.close();
    }

    @Test
    void sigterm_mid_drain_exits_0_with_every_delivered_message_seen_and_a_restart_delivers_the_rest_once()
            throws Exception {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            uids.add(server.deliver(LOGIN, TestMail.message("Graceful " + i)));
        }
        Path accounts = new AccountsFile(server)
                .account("support", LOGIN, "{{sys:test.password}}", "pollInterval", "0.2",
                        "to", ChildMailbridge.DOWNSTREAM)
                .writeTo(dir);
        child = new ChildMailbridge(accounts, dir, Map.of("test.password", PASSWORD, "test.delayMillis", "50"));
        Path delivered = ChildMailbridge.deliveries(dir);

        child.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> DeliveredUids.inDirectory(delivered).deliveries() >= 10);
        long signalled = System.nanoTime();
        int exitCode = child.terminate(EXIT_WITHIN);
        long stopMillis = Duration.ofNanos(System.nanoTime() - signalled).toMillis();

        DeliveredUids beforeRestart = DeliveredUids.inDirectory(delivered);
        List<Long> seen = uids.stream().filter(uid -> server.isSeen(LOGIN, "INBOX", uid)).toList();
        assertThat(exitCode).as("exit code after SIGTERM").isZero();
        assertThat(beforeRestart.distinct()).as("delivered before the restart (SIGTERM came mid-drain)")
                .isLessThan(MESSAGES);
        assertThat(seen).as("seen messages are exactly the delivered ones")
                .containsExactlyInAnyOrderElementsOf(beforeRestart.counts().keySet());

        child.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> DeliveredUids.inDirectory(delivered).containsAll(uids)
                        && server.unseenCount(LOGIN, "INBOX") == 0);
        assertThat(child.terminate(EXIT_WITHIN)).as("exit code after the second SIGTERM").isZero();

        DeliveredUids deliveries = DeliveredUids.inDirectory(delivered);
        System.out.printf("GracefulShutdownTest: %d messages, %d delivered before SIGTERM's exit (%d ms to exit 0),"
                        + " %d deliveries in all, %d duplicates, %d lost, %d flagged seen from the ledger%n",
                MESSAGES, beforeRestart.distinct(), stopMillis, deliveries.deliveries(), deliveries.duplicates(),
                deliveries.missing(uids).size(), child.logLinesContaining("already delivered"));
        assertThat(deliveries.missing(uids)).as("lost messages").isEmpty();
        assertThat(deliveries.duplicates()).as("duplicate deliveries").isZero();
    }
}
