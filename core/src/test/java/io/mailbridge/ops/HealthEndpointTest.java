package io.mailbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthEndpointTest {

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private final ManagementServer http = ManagementServer.onFreePort();

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
    void every_account_is_up_with_its_counters_once_mail_has_flowed() throws Exception {
        server.deliver("support@example.com", message("Printer on fire"));
        server.deliver("support@example.com", message("Printer still on fire"));
        server.deliver("sales@example.com", message("Quote for 300 seats"));
        Instant started = Instant.now();

        try (RunningMailbridge app = start("support-secret")) {
            app.camel().getEndpoint("mock:support", MockEndpoint.class).expectedMessageCount(2);
            app.camel().getEndpoint("mock:sales", MockEndpoint.class).expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/observe/health").statusCode() == 200);
            JsonNode health = http.json("/observe/health?data=true");
            assertThat(health.path("status").asText()).isEqualTo("UP");
            JsonNode support = ManagementServer.check(health, "account-support").orElseThrow().path("data");
            assertThat(support.path("account").asText()).isEqualTo("support");
            assertThat(support.path("state").asText()).isEqualTo("UP");
            assertThat(support.path("delivered").asLong()).isEqualTo(2);
            assertThat(support.path("consecutiveFailures").asLong()).isZero();
            assertThat(support.path("quarantined").asLong()).isZero();
            assertThat(support.path("backlog").isNumber()).isTrue();
            assertThat(Instant.parse(support.path("lastSuccessfulPoll").asText())).isAfter(started);
            assertThat(support.has("reason")).isFalse();
            assertThat(ManagementServer.check(health, "account-sales").orElseThrow().path("data").path("delivered")
                    .asLong()).isEqualTo(1);
            assertThat(http.get("/observe/health/live").statusCode()).isEqualTo(200);
            assertThat(http.get("/observe/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void an_account_with_a_wrong_password_is_down_with_the_reason_and_the_other_account_stays_up() throws Exception {
        server.deliver("sales@example.com", message("Still flows"));

        try (RunningMailbridge app = start("not-the-password")) {
            app.camel().getEndpoint("mock:sales", MockEndpoint.class).expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode health = http.json("/observe/health?data=true");
                assertThat(health.path("status").asText()).isEqualTo("DOWN");
                JsonNode support = ManagementServer.check(health, "account-support").orElseThrow();
                assertThat(support.path("status").asText()).isEqualTo("DOWN");
                assertThat(support.path("message").asText()).startsWith("authentication failed");
                assertThat(support.path("data").path("reason").asText()).startsWith("authentication failed");
                assertThat(support.path("data").path("consecutiveFailures").asLong()).isPositive();
                assertThat(Instant.parse(support.path("data").path("nextAttempt").asText()))
                        .as("the next login attempt, after a wait of at least one poll interval")
                        .isAfter(Instant.now().minusSeconds(5));
                assertThat(ManagementServer.check(health, "account-sales").orElseThrow().path("status").asText())
                        .isEqualTo("UP");
            });
            assertThat(http.get("/observe/health").statusCode()).isEqualTo(503);
            assertThat(http.get("/observe/health/ready").statusCode()).as("not ready").isEqualTo(503);
            assertThat(http.get("/observe/health/live").statusCode()).as("a restart would not fix a password")
                    .isEqualTo(200);
        }
    }

    @Test
    void an_account_whose_consumer_stopped_polling_turns_down_within_two_poll_intervals() throws Exception {
        Duration pollInterval = Duration.ofSeconds(1);
        Duration limit = pollInterval.multipliedBy(2).plus(AccountHealth.GRACE);
        Path accounts = new AccountsFile(server)
                .account("support", "support@example.com", "{{test.support}}", "to", "mock:support",
                        "pollInterval", "1")
                .writeTo(dir);
        Map<String, String> properties = new HashMap<>(http.enabled());
        properties.putAll(Map.of("test.support", "support-secret", "mailbridge.dataDir", dir.toString(),
                "mailbridge.watchdogSeconds", "3600"));

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir, properties)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/observe/health/live").statusCode() == 200
                    && http.get("/observe/health/ready").statusCode() == 200);
            StoppedPoller poller = StoppedPoller.stop(app.camel().getRoute("mail-support"));

            Instant down = await().atMost(limit.plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get("/observe/health/live").statusCode() == 503 ? Instant.now() : null,
                            at -> at != null);

            assertThat(Duration.between(poller.lastPoll(), down))
                    .as("DOWN once two poll intervals and the grace period passed without a poll")
                    .isGreaterThanOrEqualTo(limit)
                    .isLessThan(limit.plusSeconds(1));
            JsonNode support = ManagementServer.check(http.json("/observe/health?data=true"), "account-support")
                    .orElseThrow();
            assertThat(support.path("status").asText()).isEqualTo("DOWN");
            assertThat(support.path("data").path("reason").asText()).startsWith("the consumer has not polled for");
            assertThat(ManagementServer.sample(http.metrics(), "mailbridge_account_up", "support")).hasValue(0);
        }
    }

    private RunningMailbridge start(String supportPassword) throws Exception {
        Path accounts = new AccountsFile(server)
                .account("support", "support@example.com", "{{test.support}}", "to", "mock:support")
                .account("sales", "sales@example.com", "{{test.sales}}", "to", "mock:sales")
                .writeTo(dir);
        Map<String, String> properties = new HashMap<>(http.enabled());
        properties.putAll(Map.of("test.support", supportPassword, "test.sales", "sales-secret",
                "mailbridge.dataDir", dir.toString()));
        return RunningMailbridge.start(accounts, dir, properties);
    }
}
