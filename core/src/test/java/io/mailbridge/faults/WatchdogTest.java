package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.poll.PollPacing;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WatchdogTest {

    private static final String LOGIN = "x@example.com";
    private static final String BUSY = "busy@example.com";
    private static final String QUEUED = "queued@example.com";
    private static final String DEAD = "dead@example.com";
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
        for (String login : List.of(BUSY, QUEUED, DEAD)) {
            server.addUser(login, "x-secret");
        }
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
                        "to", CollectingDownstream.ENDPOINT, "idle", "off")
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
            // what an Error thrown on the poll thread does: the scheduled task is cancelled for good (idle: off, as
            // a new-mail push would start a poll of its own)
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

    @Test
    void a_poll_queued_behind_a_saturated_pool_is_left_alone_while_a_dead_one_is_restarted() throws Exception {
        Path accounts = new AccountsFile(server)
                .account("busy", BUSY, "{{test.password}}", "pollInterval", "0.5", "to", HeldDownstream.ENDPOINT)
                .account("queued", QUEUED, "{{test.password}}", "pollInterval", "0.5", "to", CollectingDownstream.ENDPOINT)
                .account("dead", DEAD, "{{test.password}}", "pollInterval", "0.5", "to", CollectingDownstream.ENDPOINT)
                .writeTo(dir);
        HeldDownstream held = new HeldDownstream();
        CollectingDownstream downstream = new CollectingDownstream();

        try (LogCapture log = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir, Map.of("test.password", "x-secret",
                     "mailbridge.dataDir", dir.resolve("data").toString(),
                     "mailbridge.pollThreads", "1",
                     "mailbridge.watchdogSeconds", String.valueOf(WATCHDOG_CHECKS_EVERY.toMillis() / 1000.0)),
                     held, downstream)) {
            ScheduledPollConsumer dead = consumer(app, "mail-dead");
            PollPacing queued = (PollPacing) consumer(app, "mail-queued").getPollStrategy();
            await().atMost(Duration.ofSeconds(10)).until(() -> dead.getCounter() > 0 && !dead.isPolling());
            dead.getScheduler().unscheduleTask();
            long forDead = server.deliver(DEAD, TestMail.message("For the account whose poll task died"));

            server.deliver(BUSY, TestMail.message("Held downstream, with the only poll thread"));
            await().atMost(Duration.ofSeconds(10)).until(held::holds);
            long forQueued = server.deliver(QUEUED, TestMail.message("Waiting for a free poll thread"));
            Duration limit = POLL_INTERVAL.multipliedBy(2).plus(WATCHDOG_GRACE);
            await().atMost(limit.multipliedBy(3)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> queued.sinceLastPoll().compareTo(limit.plus(WATCHDOG_CHECKS_EVERY.multipliedBy(4))) > 0
                            && log.text().contains("restarting route mail-dead"));
            held.release();

            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(DEAD, "INBOX", forDead)
                    && server.isSeen(QUEUED, "INBOX", forQueued));
            String text = await().atMost(Duration.ofSeconds(2)).ignoreExceptions().until(log::text, copy -> true);
            assertThat(text).doesNotContain("restarting route mail-queued").doesNotContain("restarting route mail-busy");
        }
    }

    private static ScheduledPollConsumer consumer(RunningMailbridge app, String routeId) {
        return (ScheduledPollConsumer) app.camel().getRoute(routeId).getConsumer();
    }
}
