package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.poll.ConnectionBackoff;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TcpProxy;
import io.mailbridge.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UnreachableServerTest {

    private static final String POLL_INTERVAL = "0.2";
    /** Tolerated lateness of the logged times against the waits, on a slow shared machine. */
    private static final Duration EARLY = Duration.ofMillis(50);
    private static final Duration LATE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void start() {
        server = LoopbackMailServer.start();
        server.addUser("good@example.com", "good-secret");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_refused_port_is_retried_ever_later_with_one_warning_and_no_stack_trace_while_another_account_delivers()
            throws Exception {
        int closed = closedPort();
        long goodUid = server.deliver("good@example.com", TestMail.message("Delivered all the same"));
        Path accounts = new AccountsFile(server)
                .account("down", "down@example.com", "{{test.password}}", "port", String.valueOf(closed),
                        "pollInterval", POLL_INTERVAL, "to", CollectingDownstream.ENDPOINT)
                .account("good", "good@example.com", "{{test.password}}", "pollInterval", POLL_INTERVAL,
                        "to", CollectingDownstream.ENDPOINT)
                .writeTo(dir);
        CollectingDownstream downstream = new CollectingDownstream();

        try (LogCapture log = new LogCapture(); StatusLog status = new StatusLog();
             RunningMailbridge app = start(accounts, "1.6", downstream)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status.failedPolls("down").size() >= 6);
            List<Duration> gaps = gaps(status.failedPolls("down").subList(0, 6));
            System.out.println("UnreachableServerTest: gaps between attempts at a refused port " + gaps);

            // the waits are 1 poll interval, then from half to all of 2, 4, 8, 8 (the cap) poll intervals
            List<Duration> full = List.of(millis(200), millis(400), millis(800), millis(1600), millis(1600));
            for (int i = 0; i < gaps.size(); i++) {
                Duration least = max(millis(200), full.get(i).dividedBy(2));
                assertThat(gaps.get(i)).as("wait after failed attempt %d", i + 1)
                        .isBetween(least.minus(EARLY), full.get(i).plus(LATE));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> downstream.delivered().distinct() > 0);
            assertThat(downstream.delivered().counts()).as("deliveries").containsOnlyKeys(goodUid);
            assertThat(status.warnings("down")).containsExactly("account 'down' is DOWN: connection refused by"
                    + " 127.0.0.1:" + closed + ": nothing listens on port " + closed + " there; check port (IMAP uses"
                    + " 993 with ssl: true, 143 with ssl: false)");
            assertNoStackTraceAboveDebug(log);
        }
    }

    @Test
    void an_unknown_host_is_reported_as_not_found_in_dns() throws Exception {
        Path accounts = new AccountsFile(server)
                .account("lost", "lost@example.com", "{{test.password}}", "host", "nonexistent.invalid",
                        "port", "993", "pollInterval", POLL_INTERVAL)
                .writeTo(dir);

        try (LogCapture log = new LogCapture(); StatusLog status = new StatusLog();
             RunningMailbridge app = start(accounts, "1.6")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status.failedPolls("lost").size() >= 3);

            assertThat(status.warnings("lost")).singleElement().asString()
                    .startsWith("account 'lost' is DOWN: DNS: host 'nonexistent.invalid' not found; check host")
                    .doesNotContainIgnoringCase("timed out").doesNotContainIgnoringCase("timeout");
            assertNoStackTraceAboveDebug(log);
        }
    }

    @Test
    void a_certificate_no_trusted_ca_issued_is_reported_with_the_advice_to_add_its_ca_with_trust_store()
            throws Exception {
        Path accounts = new AccountsFile(server)
                .account("private", "good@example.com", "{{test.password}}", "pollInterval", POLL_INTERVAL,
                        "trustStore", null, "trustStorePassword", null)
                .writeTo(dir);

        try (LogCapture log = new LogCapture(); StatusLog status = new StatusLog();
             RunningMailbridge app = start(accounts, "1.6")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status.failedPolls("private").size() >= 3);

            assertThat(status.warnings("private")).containsExactly("account 'private' is DOWN: TLS: certificate for"
                    + " 127.0.0.1 is not trusted: no CA this Java trusts issued it; if the server is yours, add its CA"
                    + " with trustStore (a PKCS12 file) in the accounts file");
            assertNoStackTraceAboveDebug(log);
        }
    }

    @Test
    void a_server_that_comes_back_gets_one_up_line_its_mail_delivered_and_its_backoff_started_over()
            throws Exception {
        int port = closedPort();
        long uid = server.deliver("good@example.com", TestMail.message("Waited for the server"));
        Path accounts = new AccountsFile(server)
                .account("back", "good@example.com", "{{test.password}}", "port", String.valueOf(port),
                        "pollInterval", POLL_INTERVAL, "to", CollectingDownstream.ENDPOINT, "idle", "off")
                .writeTo(dir);
        CollectingDownstream downstream = new CollectingDownstream();

        try (LogCapture log = new LogCapture(); StatusLog status = new StatusLog();
             RunningMailbridge app = start(accounts, "3.2", downstream)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status.failedPolls("back").size() >= 5);
            List<Duration> before = gaps(status.failedPolls("back"));
            String refused = "account 'back' is DOWN: connection refused by 127.0.0.1:" + port + ": nothing listens"
                    + " on port " + port + " there; check port (IMAP uses 993 with ssl: true, 143 with ssl: false)";
            int failures;
            try (TcpProxy proxy = TcpProxy.start(port, server.host(), server.imapsPort(), 1L)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> downstream.delivered().counts().containsKey(uid));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(status.warnings("back"))
                        .containsExactly(refused, "account 'back' is UP again after "
                                + status.failedPolls("back").size() + " failed polls"));
                failures = status.failedPolls("back").size();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status.failedPolls("back").size() >= failures + 2);
            List<Instant> again = status.failedPolls("back").subList(failures, failures + 2);
            Duration firstRetry = Duration.between(again.get(0), again.get(1));
            System.out.println("UnreachableServerTest: gaps before the server came back " + before
                    + ", first retry after it went away again " + firstRetry);

            // not reset, the 6th failure in a row would wait at least half of the 3.2 s cap
            assertThat(firstRetry).as("first retry after the server went away again").isLessThan(millis(1200));
            // the open connection may be found lost first, with a warning of its own, before the port refuses
            assertThat(status.warnings("back")).last().isEqualTo(refused);
            assertThat(downstream.delivered().counts()).as("deliveries").containsOnlyKeys(uid);
            assertNoStackTraceAboveDebug(log);
        }
    }

    private RunningMailbridge start(Path accounts, String maxBackoffSeconds, CollectingDownstream... downstream)
            throws Exception {
        return RunningMailbridge.start(accounts, dir, Map.of("test.password", "good-secret",
                ConnectionBackoff.MAX_PROPERTY, maxBackoffSeconds,
                "mailbridge.dataDir", dir.resolve("data").toString()), downstream);
    }

    private static void assertNoStackTraceAboveDebug(LogCapture log) {
        // LogCapture copies its events unguarded against a thread that is logging: copy again if that raced
        List<String> lines = await().atMost(Duration.ofSeconds(2)).ignoreExceptions().until(log::lines, copy -> true);
        assertThat(lines).as("log lines at INFO and above")
                .filteredOn(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE"))
                .noneMatch(line -> line.contains("\tat "))
                .noneMatch(line -> line.contains("Failed polling endpoint"));
    }

    private static List<Duration> gaps(List<Instant> times) {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)));
        }
        return gaps;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
