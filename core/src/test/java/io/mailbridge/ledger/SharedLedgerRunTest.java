package io.mailbridge.ledger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.mailbridge.app.StartupFailures;
import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.LedgerUnavailableException;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.PostgresServer;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.ledger.TestLedgers.startedAt;
import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SharedLedgerRunTest {

    private static final String LEDGER_PASSWORD = "Pg-c4nary&+%= x!(z)";
    private static final String LOGIN = "support@example.com";

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer(LEDGER_PASSWORD);

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private String url;

    @BeforeEach
    void startServers() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, "secret");
        url = POSTGRES.newDatabase();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void mail_is_delivered_once_and_flagged_seen_and_a_replica_started_afresh_does_not_deliver_it_again()
            throws Exception {
        long first = server.deliver(LOGIN, message("First"));
        long second = server.deliver(LOGIN, message("Second"));

        try (RunningMailbridge app = start("replica-1")) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            out.expectedHeaderValuesReceivedInAnyOrder("MailUid", first, second);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", first)
                    && server.isSeen(LOGIN, "INBOX", second));
        }
        long third = server.deliver(LOGIN, message("Third"));

        try (RunningMailbridge app = start("replica-2")) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            out.expectedHeaderReceived("MailUid", third);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", third));
            assertThat(out.getReceivedCounter()).isEqualTo(1);
        }
    }

    @Test
    void a_message_another_replica_recorded_as_delivered_is_flagged_seen_without_being_delivered_again()
            throws Exception {
        long uid = server.deliver(LOGIN, message("Delivered by the other replica just before it crashed"));
        long uidValidity = server.uidValidity(LOGIN, "INBOX");
        try (JdbcLedgers other = TestLedgers.open(POSTGRES, url, "replica-1");
             DeliveryLedger ledger = other.forAccount("support", AccountOwnership.SOLE)) {
            ledger.recordStart("INBOX", startedAt(uidValidity));
            ledger.recordDelivered(new MessageKey("support", "INBOX", uidValidity, uid));
        }
        long next = server.deliver(LOGIN, message("Not delivered yet"));

        try (RunningMailbridge app = start("replica-2")) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            out.expectedHeaderReceived("MailUid", next);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", uid));
            assertThat(out.getReceivedCounter()).isEqualTo(1);
        }
    }

    @Test
    void while_the_database_is_down_polls_fail_no_mail_is_flagged_seen_and_it_flows_once_the_database_is_back()
            throws Exception {
        long before = server.deliver(LOGIN, message("Before the outage"));
        try (LogCapture logs = new LogCapture(); RunningMailbridge app = start("replica-1")) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.isSeen(LOGIN, "INBOX", before));

            POSTGRES.stop();
            long during;
            try {
                during = server.deliver(LOGIN, message("During the outage"));
                await().atMost(Duration.ofSeconds(20)).until(() -> logs.lines().stream().anyMatch(line ->
                        line.startsWith("WARN") && line.contains("account 'support' is DOWN")
                                && line.contains("delivery ledger database " + url + ": cannot")));
                assertThat(server.isSeen(LOGIN, "INBOX", during)).isFalse();
                assertThat(out.getReceivedCounter()).isEqualTo(1);
            } finally {
                POSTGRES.start();
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> server.isSeen(LOGIN, "INBOX", during));
            assertThat(out.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getHeader("MailUid"))
                    .containsExactly(before, during);
            assertThat(logs.lines()).anyMatch(line -> line.contains("account 'support' is UP again"));
        }
    }

    @Test
    void a_database_that_cannot_be_reached_at_start_up_fails_it_naming_the_url_without_the_password()
            throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort + "/mailbridge?password="
                + URLEncoder.encode(LEDGER_PASSWORD, StandardCharsets.UTF_8);
        Path accounts = new AccountsFile(server).account("support", LOGIN, "secret", "to", "mock:out").writeTo(dir);
        Map<String, String> properties = properties("replica-1");
        properties.put("mailbridge.ledger.jdbc.url", unreachable);

        assertThatThrownBy(() -> StartupFailures.unwrap(new Main(), () -> RunningMailbridge.start(accounts, dir, properties))
                .close())
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("cannot connect to the delivery ledger database jdbc:postgresql://127.0.0.1:"
                        + closedPort + "/mailbridge?password=xxxxx as user 'postgres'")
                .hasMessageContaining("refused")
                .satisfies(failure -> assertThat(failure.toString()).doesNotContain(LEDGER_PASSWORD)
                        .doesNotContain(URLEncoder.encode(LEDGER_PASSWORD, StandardCharsets.UTF_8)));
    }

    @Test
    void a_password_placeholder_that_does_not_resolve_fails_the_start_up_saying_so() throws Exception {
        Path accounts = new AccountsFile(server).account("support", LOGIN, "secret", "to", "mock:out").writeTo(dir);
        Map<String, String> properties = properties("replica-1");
        properties.put("mailbridge.ledger.jdbc.password", "{{env:MAILBRIDGE_TEST_NO_SUCH_VARIABLE}}");

        assertThatThrownBy(() -> StartupFailures.unwrap(new Main(), () -> RunningMailbridge.start(accounts, dir, properties))
                .close())
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("cannot connect to the delivery ledger database " + url)
                .hasMessageContaining("cannot resolve the password of the delivery ledger database"
                        + " (mailbridge.ledger.jdbc.password)")
                .hasMessageContaining("MAILBRIDGE_TEST_NO_SUCH_VARIABLE");
    }

    @Test
    void a_node_opens_one_connection_pool_and_leaves_no_connection_behind_when_it_stops() throws Exception {
        long uid = server.deliver(LOGIN, message("Pool test"));
        try (LogCapture logs = new LogCapture()) {
            try (RunningMailbridge app = start("replica-1")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> server.isSeen(LOGIN, "INBOX", uid));
                assertThat(otherConnections()).as("connections to the ledger database").isBetween(1, 8);
            }
            assertThat(logs.lines()).filteredOn(line -> line.contains("delivery ledger: shared")).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> otherConnections() == 0);
    }

    @Test
    void the_ledger_password_never_appears_in_the_logs() throws Exception {
        long uid = server.deliver(LOGIN, message("Secret test"));
        // not Camel's properties parser: at DEBUG it logs every placeholder's value, account passwords included
        List<Logger> verbose = List.of((Logger) LoggerFactory.getLogger("io.mailbridge"),
                (Logger) LoggerFactory.getLogger("com.zaxxer.hikari"),
                (Logger) LoggerFactory.getLogger("org.apache.camel.main"));
        verbose.forEach(logger -> logger.setLevel(Level.DEBUG));
        try (LogCapture logs = new LogCapture()) {
            try (RunningMailbridge app = start("replica-1")) {
                await().atMost(Duration.ofSeconds(20)).until(() -> server.isSeen(LOGIN, "INBOX", uid));
            }
            assertThat(logs.text()).contains(url).doesNotContain(LEDGER_PASSWORD);
        } finally {
            verbose.forEach(logger -> logger.setLevel(null));
        }
    }

    /** Connections to the test's database other than the one asking. */
    private int otherConnections() throws SQLException {
        try (Connection connection = POSTGRES.connect(url); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            count.next();
            return count.getInt(1);
        }
    }

    private RunningMailbridge start(String node) throws Exception {
        Path accounts = new AccountsFile(server).account("support", LOGIN, "secret", "to", "mock:out").writeTo(dir);
        return RunningMailbridge.start(accounts, dir, properties(node));
    }

    /**
     * A replica on its own data directory, sharing the ledger in the test's database, whose password it reads from a
     * secret file.
     */
    private Map<String, String> properties(String node) {
        Path secret = dir.resolve("ledger-password");
        try {
            Files.writeString(secret, LEDGER_PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("mailbridge.dataDir", dir.resolve(node).toString());
        properties.put("mailbridge.node", node);
        properties.put("mailbridge.ledger", "jdbc");
        properties.put("mailbridge.ledger.jdbc.url", url);
        properties.put("mailbridge.ledger.jdbc.user", PostgresServer.USER);
        properties.put("mailbridge.ledger.jdbc.password", "{{file:" + secret + "}}");
        properties.put("mailbridge.ledger.jdbc.connectTimeoutSeconds", "1");
        return properties;
    }
}
