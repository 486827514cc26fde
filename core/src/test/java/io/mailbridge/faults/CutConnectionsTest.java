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

class CutConnectionsTest {

    private static final String LOGIN = "support@example.com";
    private static final int MESSAGES = 150;
    /**
     * Each connection carries 0 to this many bytes before the proxy cuts it: a TLS handshake and login take about
     * 5 KB, a poll's SEARCH and facts FETCH well under 1 KB, a batch of 10 bodies about 14 KB in one FETCH, its
     * STORE a few bytes. So cuts land in the handshake, the greeting, the FETCHes and the STOREs alike.
     */
    private static final int MAX_BYTES_BEFORE_CUT = 20_000;
    /** Small batches, so that a connection that lives past its first FETCH also gets to STORE and poll again. */
    private static final int BATCH = 10;
    private static final long SEED = Long.getLong("faults.seed", 20_261_127L);

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
    void connections_cut_at_random_points_lose_no_message_and_leave_every_message_seen() throws Exception {
        List<Long> uids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            uids.add(server.deliver(LOGIN, TestMail.message("Cut connections " + i)));
        }
        Path accounts = new AccountsFile(server)
                .account("support", LOGIN, "{{test.password}}", "port", String.valueOf(proxy.port()),
                        "pollInterval", "0.2", "maxMessagesPerPoll", String.valueOf(BATCH),
                        "to", CollectingDownstream.ENDPOINT)
                .writeTo(dir);
        CollectingDownstream downstream = new CollectingDownstream();
        proxy.cutEachAfterRandomBytes(MAX_BYTES_BEFORE_CUT);
        long started = System.nanoTime();

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                Map.of("test.password", "support-secret", "mailbridge.dataDir", dir.resolve("data").toString()),
                downstream)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> downstream.delivered().containsAll(uids) && server.unseenCount(LOGIN, "INBOX") == 0);
        } finally {
            DeliveredUids delivered = downstream.delivered();
            System.out.printf("CutConnectionsTest: seed %d, %d messages, %d connections, %d cuts (each after 0..%d"
                            + " bytes), %d bytes forwarded, %d deliveries, %d duplicates, %d lost, %d unseen, %d ms%n",
                    SEED, MESSAGES, proxy.acceptedConnections(), proxy.cuts(), MAX_BYTES_BEFORE_CUT,
                    proxy.bytesForwarded(), delivered.deliveries(), delivered.duplicates(),
                    delivered.missing(uids).size(), server.unseenCount(LOGIN, "INBOX"),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        DeliveredUids delivered = downstream.delivered();
        assertThat(delivered.missing(uids)).as("lost messages").isEmpty();
        assertThat(server.unseenCount(LOGIN, "INBOX")).as("unseen messages").isZero();
        assertThat(server.messageCount(LOGIN, "INBOX")).as("messages left in INBOX (none quarantined)")
                .isEqualTo(MESSAGES);
        assertThat(proxy.cuts()).as("connections cut while draining").isGreaterThanOrEqualTo(20);
        assertThat(delivered.duplicates()).as("duplicate deliveries").isZero();
    }
}
