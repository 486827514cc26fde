package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TcpProxy;
import io.mailbridge.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WrongPasswordBackoffTest {

    private static final Duration WINDOW = Duration.ofSeconds(4);
    /**
     * Login attempts the backoff allows in the window: at 0, then after 0.2, 0.4, 0.8, 1.6 and 2 s (the cap), each
     * wait starting when the previous attempt failed: 5 attempts by 3 s, the 6th at 5 s; 7 leaves room for slow
     * logins. A poller without backoff would try every 0.2 s: about 20.
     */
    private static final int MAX_ATTEMPTS_IN_WINDOW = 7;

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private TcpProxy proxy;

    @BeforeEach
    void start() {
        server = LoopbackMailServer.start();
        server.addUser("x@example.com", "right-secret");
        server.addUser("good@example.com", "good-secret");
        proxy = TcpProxy.start(server.host(), server.imapsPort(), 1L);
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    @Test
    void a_rejected_login_is_retried_with_exponential_backoff_while_the_other_accounts_keep_delivering()
            throws Exception {
        server.deliver("x@example.com", TestMail.message("Waits for the right password"));
        long goodUid = server.deliver("good@example.com", TestMail.message("Delivered all the same"));
        Path accounts = new AccountsFile(server)
                .account("x", "x@example.com", "{{test.wrong}}", "port", String.valueOf(proxy.port()),
                        "pollInterval", "0.2", "maxAuthBackoff", "2", "to", CollectingDownstream.ENDPOINT)
                .account("good", "good@example.com", "{{test.good}}", "pollInterval", "0.2",
                        "to", CollectingDownstream.ENDPOINT)
                .writeTo(dir);
        CollectingDownstream downstream = new CollectingDownstream();

        try (LogCapture log = new LogCapture(); StatusLog status = new StatusLog();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir, Map.of("test.wrong", "wrong-secret",
                     "test.good", "good-secret", "mailbridge.dataDir", dir.resolve("data").toString()), downstream)) {
            await("at most " + MAX_ATTEMPTS_IN_WINDOW + " login connections in " + WINDOW)
                    .during(WINDOW).atMost(WINDOW.plusSeconds(1))
                    .until(() -> proxy.acceptedConnections() <= MAX_ATTEMPTS_IN_WINDOW);
            int attempts = proxy.acceptedConnections();
            System.out.printf("WrongPasswordBackoffTest: %d login connections in %d s (an unpaced poller: about %d)%n",
                    attempts, WINDOW.toSeconds(), WINDOW.toMillis() / 200);

            assertThat(attempts).as("login attempts in the window (still retrying)").isGreaterThanOrEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> downstream.delivered().distinct() > 0);
            assertThat(downstream.delivered().counts()).as("deliveries").containsOnlyKeys(goodUid);
            // LogCapture copies its events unguarded against a thread that is logging: copy again if that raced
            String text = await().atMost(Duration.ofSeconds(2)).ignoreExceptions().until(log::text, copy -> true);
            assertThat(status.warnings("x")).as("one warning for the whole run of rejected logins").singleElement()
                    .asString().startsWith("account 'x' is DOWN: authentication failed: ");
            assertThat(status.failedPolls("x")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(text).doesNotContain("Failed polling endpoint");
        }
    }
}
