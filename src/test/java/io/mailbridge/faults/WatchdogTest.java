package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.poll.PollWatchdog;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TestMail;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WatchdogTest {

    private static final String LOGIN = "x@example.com";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** PollWatchdog.GRACE: a consumer is stuck after two poll intervals plus this. */
    private static final Duration WATCHDOG_GRACE = Duration.ofSeconds(2);
    private static final Duration WATCHDOG_CHECKS_EVERY = Duration.ofMillis(250);
    /** A restart of the route and one poll that delivers. */
    private static final Duration A_LITTLE = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, "x-secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void a_consumer_whose_poll_task_died_is_restarted_and_delivers_the_next_message() throws Exception {
        long first = server.deliver(LOGIN, TestMail.message("Before the poll thread died"));
        Path accounts = new AccountsFile(server)
                .account("x", LOGIN, "{{test.password}}", "pollInterval", String.valueOf(POLL_INTERVAL.toMillis() / 1000.0),
                        "to", CollectingDownstream.ENDPOINT)
                .writeTo(dir);
        CollectingDownstream downstream = new CollectingDownstream();

        try (LogCapture log = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir, Map.of("test.password", "x-secret",
                     "mailbridge.dataDir", dir.resolve("data").toString(),
                     "mailbridge.watchdogSeconds", String.valueOf(WATCHDOG_CHECKS_EVERY.toMillis() / 1000.0)),
                     downstream)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", first));
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) app.camel().getRoute("mail-x").getConsumer();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !consumer.isPolling());
            // what an Error thrown on the poll thread does: the scheduled task is cancelled for good
            consumer.getScheduler().unscheduleTask();
            long died = System.nanoTime();
            assertThat(consumer.getScheduler().isSchedulerStarted()).as("poll task scheduled").isFalse();

            long second = server.deliver(LOGIN, TestMail.message("After the poll thread died"));
            Duration bound = POLL_INTERVAL.multipliedBy(2).plus(WATCHDOG_GRACE).plus(WATCHDOG_CHECKS_EVERY)
                    .plus(A_LITTLE);
            await().atMost(bound).pollInterval(Duration.ofMillis(50))
                    .until(() -> downstream.delivered().counts().containsKey(second));
            System.out.printf("WatchdogTest: delivered %d ms after the poll task was cancelled (bound %d ms)%n",
                    Duration.ofNanos(System.nanoTime() - died).toMillis(), bound.toMillis());

            await().atMost(Duration.ofSeconds(5)).until(() -> server.isSeen(LOGIN, "INBOX", second));
            // LogCapture copies its events unguarded against a thread that is logging: copy again if that raced
            String text = await().atMost(Duration.ofSeconds(2)).ignoreExceptions().until(log::text, copy -> true);
            assertThat(text).contains("account 'x': its consumer has not polled")
                    .contains("restarting route mail-x");
            // two watchdogs both restart a stuck route, the second one possibly in the middle of the first's poll
            assertThat(app.camel().hasServices(PollWatchdog.class)).as("poll watchdogs").hasSize(1);
        }
    }
}
