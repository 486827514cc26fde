package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TcpProxy;
import io.mailbridge.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A link so bad that no connection lives long: each is reset after 2 to 60 KB, fewer bytes than the TLS handshake
 * and login plus one poll's worth of facts and bodies at full chunk size. Chunks shrink until a connection carries
 * a whole one, so the mailbox drains anyway.
 */
class FlakyLinkTest {

    private static final String LOGIN = "support@example.com";
    private static final int MESSAGES = 500;
    private static final int MIN_BYTES_BEFORE_RESET = 2_000;
    private static final int MAX_BYTES_BEFORE_RESET = 60_000;
    private static final long SEED = Long.getLong("faults.seed", 20_261_205L);

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private TcpProxy proxy;

    @BeforeEach
    void start() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, "support-secret");
        proxy = TcpProxy.start(server.host(), server.imapsPort(), SEED);
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    @Test
    void a_link_reset_every_few_kilobytes_still_delivers_every_message_once() throws Exception {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            uids.add(server.deliver(LOGIN, TestMail.message("Flaky link " + i)));
        }
        Path accounts = new AccountsFile(server)
                .account("support", LOGIN, "{{test.password}}", "port", String.valueOf(proxy.port()),
                        "pollInterval", "0.1", "to", CollectingDownstream.ENDPOINT)
                .writeTo(dir);
        CollectingDownstream downstream = new CollectingDownstream();
        proxy.cutEachAfterRandomBytes(MIN_BYTES_BEFORE_RESET, MAX_BYTES_BEFORE_RESET);
        long started = System.nanoTime();

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                Map.of("test.password", "support-secret", "mailbridge.dataDir", dir.resolve("data").toString()),
                downstream)) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> downstream.delivered().containsAll(uids) && server.unseenCount(LOGIN, "INBOX") == 0);
        } finally {
            DeliveredUids delivered = downstream.delivered();
            System.out.printf("FlakyLinkTest: seed %d, %d messages, %d connections, %d resets (each after %d..%d"
                            + " bytes), %d bytes forwarded, %d deliveries, %d duplicates, %d lost, %d unseen, %d ms%n",
                    SEED, MESSAGES, proxy.acceptedConnections(), proxy.cuts(), MIN_BYTES_BEFORE_RESET,
                    MAX_BYTES_BEFORE_RESET, proxy.bytesForwarded(), delivered.deliveries(), delivered.duplicates(),
                    delivered.missing(uids).size(), server.unseenCount(LOGIN, "INBOX"),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        DeliveredUids delivered = downstream.delivered();
        assertThat(delivered.missing(uids)).as("lost messages").isEmpty();
        assertThat(delivered.duplicates()).as("duplicate deliveries").isZero();
        assertThat(server.unseenCount(LOGIN, "INBOX")).as("unseen messages").isZero();
        assertThat(server.messageCount(LOGIN, "INBOX")).as("messages left in INBOX (none quarantined)")
                .isEqualTo(MESSAGES);
        assertThat(proxy.cuts()).as("connections reset while draining").isGreaterThanOrEqualTo(10);
    }
}
