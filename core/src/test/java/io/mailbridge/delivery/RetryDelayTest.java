package io.mailbridge.delivery;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A failed message waits before its next attempt, each wait twice the last, while the rest of the mailbox flows. */
class RetryDelayTest {

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
    void each_retry_of_a_failing_message_waits_twice_as_long_as_the_last() throws Exception {
        long poison = server.deliver(LOGIN, message("Always fails downstream"));
        List<Long> attempts = new CopyOnWriteArrayList<>();
        List<Long> others = new CopyOnWriteArrayList<>();
        RouteBuilder downstream = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:picky").routeId("picky").process(exchange -> {
                    long uid = exchange.getMessage().getHeader("MailUid", Long.class);
                    if (uid == poison) {
                        attempts.add(System.nanoTime());
                        throw new IllegalStateException("ticket system rejected it");
                    }
                    others.add(uid);
                });
            }
        };
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.pw}}", "to", "direct:picky",
                "pollInterval", "0.1", "retryDelay", "1", "maxRetryDelay", "1.5", "maxAttempts", "4").writeTo(dir);

        try (LogCapture logs = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                     Map.of("test.pw", "secret", "mailbridge.dataDir", dir.resolve("data").toString()), downstream)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 1);
            long meanwhile = server.deliver(LOGIN, message("Arrives while the first one waits"));
            await().atMost(Duration.ofSeconds(5)).until(() -> others.contains(meanwhile));
            assertThat(attempts).as("attempts before the first retry is due").hasSize(1);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> server.messageCount(LOGIN, "mailbridge-quarantine") == 1);

            assertThat(attempts).hasSize(4);
            assertThat(gapMillis(attempts, 0)).as("wait before attempt 2 (retryDelay 1 s)").isGreaterThanOrEqualTo(1000);
            assertThat(gapMillis(attempts, 1)).as("wait before attempt 3 (doubled, capped at 1.5 s)")
                    .isGreaterThanOrEqualTo(1500);
            assertThat(gapMillis(attempts, 2)).as("wait before attempt 4 (capped)").isGreaterThanOrEqualTo(1500);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN")
                    && line.contains("uid " + poison + ": attempt 1 of 4 failed (next attempt in 1.0 s)"));
        }
    }

    private static long gapMillis(List<Long> nanos, int index) {
        return Duration.ofNanos(nanos.get(index + 1) - nanos.get(index)).toMillis();
    }
}
