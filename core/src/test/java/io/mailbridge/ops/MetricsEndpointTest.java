package io.mailbridge.ops;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

import static io.mailbridge.ops.ManagementServer.sample;
import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class MetricsEndpointTest {

    private static final String LOGIN = "support@example.com";
    private static final String ACCOUNT_ROUTES_IN_JMX = "camel.main.jmxManagementRegisterRoutesCreateByTemplate";

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private final ManagementServer http = ManagementServer.onFreePort();

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
    void the_delivered_counter_counts_each_message_that_flows() throws Exception {
        try (RunningMailbridge app = start("mock:out", null, Map.of(ACCOUNT_ROUTES_IN_JMX, "true"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> value("mailbridge_poll_last_success_timestamp_seconds") > 0);
            assertThat(value("mailbridge_messages_delivered_total")).isZero();

            for (int i = 1; i <= 3; i++) {
                server.deliver(LOGIN, message("Order " + i));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> value("mailbridge_messages_delivered_total") == 3);
            String scrape = http.metrics();
            assertThat(sample(scrape, "mailbridge_messages_fetched_total", "support")).hasValue(3);
            assertThat(sample(scrape, "mailbridge_messages_failed_total", "support")).hasValue(0);
            assertThat(sample(scrape, "mailbridge_backlog_messages", "support")).isPresent();
            assertThat(sample(scrape, "mailbridge_poll_last_duration_seconds", "support")).isPresent();
            assertThat(sample(scrape, "mailbridge_account_up", "support")).hasValue(1);
            assertThat(sample(scrape, "mailbridge_poll_next_attempt_timestamp_seconds", "support")).as("no backoff")
                    .hasValue(0);
            assertThat(sample(scrape, "mailbridge_poll_last_success_timestamp_seconds", "support").orElseThrow())
                    .isCloseTo(Instant.now().getEpochSecond(), within(60.0));
            assertThat(scrape).as("Camel's own route metrics, once the account routes are registered in JMX")
                    .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"mail-support\"");
        }
    }

    @Test
    void a_quarantined_message_is_counted() throws Exception {
        server.deliver(LOGIN, message("Always fails downstream"));
        RouteBuilder broken = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broken").routeId("broken").throwException(new IllegalStateException("ticket system down"));
            }
        };

        try (RunningMailbridge app = start("direct:broken", broken, "maxAttempts", "1")) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> value("mailbridge_messages_quarantined_total") == 1);
            String scrape = http.metrics();
            assertThat(sample(scrape, "mailbridge_messages_failed_total", "support")).hasValue(1);
            assertThat(sample(scrape, "mailbridge_messages_delivered_total", "support")).hasValue(0);
        }
    }

    private double value(String metric) {
        OptionalDouble value = sample(http.metrics(), metric, "support");
        return value.orElse(Double.NaN);
    }

    private RunningMailbridge start(String to, RoutesBuilder downstream, String... fields) throws Exception {
        return start(to, downstream, Map.of(), fields);
    }

    private RunningMailbridge start(String to, RoutesBuilder downstream, Map<String, String> extra, String... fields)
            throws Exception {
        String[] account = new String[fields.length + 2];
        account[0] = "to";
        account[1] = to;
        System.arraycopy(fields, 0, account, 2, fields.length);
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.password}}", account).writeTo(dir);
        Map<String, String> properties = new HashMap<>(http.enabled());
        properties.putAll(Map.of("test.password", "secret", "mailbridge.dataDir", dir.toString()));
        properties.putAll(extra);
        return downstream == null ? RunningMailbridge.start(accounts, dir, properties)
                : RunningMailbridge.start(accounts, dir, properties, downstream);
    }

    private RunningMailbridge start(String to) throws Exception {
        return start(to, null);
    }
}
