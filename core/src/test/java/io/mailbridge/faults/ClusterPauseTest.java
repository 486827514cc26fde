package io.mailbridge.faults;

import io.mailbridge.support.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica frozen mid-drain (SIGSTOP, as a long GC pause or a suspended VM) loses its accounts to the others when
 * its ZooKeeper session expires, and then wakes up (SIGCONT) in the middle of what it was doing: the shared ledger
 * must refuse what it still tries to record, and it must deliver nothing more than the messages it had in flight.
 */
class ClusterPauseTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final int ACCOUNTS = 300;
    private static final int PER_ACCOUNT = 10;
    private static final List<String> REPLICAS = List.of("replica-1", "replica-2", "replica-3");
    private static final String FROZEN = "replica-2";
    /** Poll threads of the frozen replica: each has at most one message past its ownership check at the pause. */
    private static final int IN_FLIGHT_LIMIT = 8;

    @TempDir
    Path dir;

    private ReplicaCluster cluster;

    @RegisterExtension
    final AfterTestExecutionCallback outputOnFailure = context -> context.getExecutionException()
            .filter(failure -> cluster != null)
            .ifPresent(failure -> System.out.println(cluster.logTails(80)));

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_replica_that_wakes_up_after_its_accounts_moved_has_its_writes_refused_and_repeats_at_most_its_in_flight()
            throws Exception {
        cluster = new ReplicaCluster(dir, POSTGRES, ACCOUNTS, 40, ChildMailbridge.QUICK_START);
        for (String replica : REPLICAS) {
            cluster.start(replica);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.isBalanced(REPLICAS.size()));

        CompletableFuture<List<String>> sending = CompletableFuture.supplyAsync(() -> cluster.deliver(PER_ACCOUNT));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.delivered().deliveries() >= ACCOUNTS * PER_ACCOUNT / 3);
        long pausedAt = System.nanoTime();
        cluster.pause(FROZEN);
        int deliveredAtPause = cluster.delivered().deliveries();

        // not the fail-over bound (ClusterKillTest checks that): this test is about what the frozen replica does
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.ownedTotal() == ACCOUNTS);
        Duration takeover = Duration.ofNanos(System.nanoTime() - pausedAt);
        List<String> sent = sending.get(120, TimeUnit.SECONDS);
        // the others drain the frozen replica's accounts too before it wakes up
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.delivered().missing(sent).isEmpty());
        cluster.resume(FROZEN);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.ownedAccounts().size() == REPLICAS.size()
                        && cluster.ownedAccounts().get(FROZEN) > 0 && cluster.ownedTotal() == ACCOUNTS
                        && cluster.unseen() == 0);
        DeliveredMessages delivered = cluster.delivered();
        long refused = cluster.logLinesContaining(FROZEN, "is no longer owned by this node");
        long recordedTwice = cluster.logLinesContaining("already recorded as delivered");
        System.out.printf("ClusterPauseTest: %s frozen (SIGSTOP) after %d of %d deliveries; the others owned all %d"
                        + " accounts %d ms later and drained them; after SIGCONT it rejoined and owns %s; %d"
                        + " deliveries downstream, %d repeated, %d lost; %d of its log lines say a write was refused"
                        + " as it no longer owned the account; the ledger was asked to record %d twice%n", FROZEN,
                deliveredAtPause, sent.size(), ACCOUNTS, takeover.toMillis(), cluster.ownedAccounts(),
                delivered.deliveries(), delivered.duplicates(), delivered.missing(sent).size(), refused,
                recordedTwice);

        assertThat(delivered.missing(sent)).as("lost messages").isEmpty();
        assertThat(cluster.messages()).as("messages on the server (each once, none quarantined)")
                .isEqualTo(sent.size());
        assertThat(cluster.unseen()).as("messages left unseen on the server").isZero();
        assertThat(cluster.deliveryRowsByState()).as("failed or quarantined records in the ledger")
                .doesNotContainKeys("failed", "quarantined");
        assertThat(recordedTwice).as("messages the ledger was asked to record as delivered twice").isZero();
        assertThat(delivered.duplicates()).as("messages delivered downstream twice: at most those the frozen"
                + " replica had in flight").isLessThanOrEqualTo(IN_FLIGHT_LIMIT);
    }
}
