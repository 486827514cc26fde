package io.mailbridge.ops;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConsumerHealthCheckTest {

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser("support@example.com", "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void camel_s_consumer_check_is_up_after_a_poll_that_worked_and_down_with_the_reason_after_one_that_failed()
            throws Exception {
        Path accounts = new AccountsFile(server)
                .account("support", "support@example.com", "{{test.good}}", "to", "mock:out")
                .account("wrong", "support@example.com", "{{test.wrong}}", "to", "mock:out")
                .writeTo(dir);
        try (RunningMailbridge app = RunningMailbridge.start(accounts, Path.of("..", "routes"), Map.of(
                "test.good", "secret", "test.wrong", "not-the-password-4711", "mailbridge.dataDir", dir.toString()))) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(app.camel());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(check(registry, "consumer:mail-support").getState()).isEqualTo(HealthCheck.State.UP);
                assertThat(check(registry, "consumer:mail-wrong").getState()).isEqualTo(HealthCheck.State.DOWN);
            });
            HealthCheck.Result down = check(registry, "consumer:mail-wrong");
            assertThat(down.getMessage()).hasValueSatisfying(message -> assertThat(message)
                    .contains("imaps://").contains("failed").doesNotContain("not-the-password-4711"));
            assertThat(down.getError()).isPresent();
            assertThat(String.valueOf(down.getDetails())).doesNotContain("not-the-password-4711");
        }
    }

    private static HealthCheck.Result check(HealthCheckRegistry registry, String id) {
        return registry.getCheck(id).orElseThrow(() -> new AssertionError("no health check " + id)).call();
    }
}
