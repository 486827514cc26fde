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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas in child JVMs share 300 accounts through ZooKeeper and the PostgreSQL ledger; one is killed with
 * SIGKILL while 3,000 messages drain. Its accounts must run on the others within 30 s, and no message may be lost,
 * recorded twice or left unseen on the server.
 */
class ClusterKillTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final int ACCOUNTS = Integer.getInteger("cluster.accounts", 300);
    private static final int PER_ACCOUNT = 10;
    private static final List<String> REPLICAS = List.of("replica-1", "replica-2", "replica-3");
    private static final String VICTIM = "replica-2";
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);
    /** Poll threads of the killed replica: each has at most one message downstream at the kill. */
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
    void a_replica_killed_mid_drain_has_its_accounts_taken_over_and_loses_or_repeats_nothing_on_server_or_ledger()
            throws Exception {
        cluster = new ReplicaCluster(dir, POSTGRES, ACCOUNTS, 40, ChildMailbridge.QUICK_START);
        for (String replica : REPLICAS) {
            cluster.start(replica);
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.isBalanced(REPLICAS.size()));
        Map<String, Integer> balance = cluster.ownedAccounts();

        // the mail keeps arriving while the replicas drain it, and the kill lands a third of the way through
        CompletableFuture<List<String>> sending = CompletableFuture.supplyAsync(() -> cluster.deliver(PER_ACCOUNT));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.delivered().deliveries() >= ACCOUNTS * PER_ACCOUNT / 3);
        long killedAt = System.nanoTime();
        cluster.kill(VICTIM);
        int deliveredAtKill = cluster.delivered().deliveries();
        List<String> sent = sending.get(120, TimeUnit.SECONDS);

        await().atMost(TAKEOVER_LIMIT.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.ownedTotal() == ACCOUNTS);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        Map<String, Integer> afterTakeover = cluster.ownedAccounts();

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.delivered().missing(sent).isEmpty() && cluster.unseen() == 0);
        Duration drained = Duration.ofNanos(System.nanoTime() - killedAt);

        DeliveredMessages delivered = cluster.delivered();
        Map<String, Long> highWater = cluster.highWaterMarks();
        Map<String, Long> expectedHighWater = sent.stream().collect(Collectors.toMap(
                key -> key.substring(0, key.indexOf('/')), key -> Long.parseLong(key.substring(key.indexOf('/') + 1)),
                Math::max, TreeMap::new));
        long recordedTwice = cluster.logLinesContaining("already recorded as delivered");
        System.out.printf("ClusterKillTest: %d accounts, %d messages, 3 replicas; balance %s; %s killed (SIGKILL) after"
                        + " %d deliveries (of %d), owning %d accounts; all %d accounts owned again %d ms after the kill %s;"
                        + " drained %d ms after the kill; %d deliveries downstream, %d repeated, %d lost; ledger: %d"
                        + " records refused as already delivered, rows left %s; server: %d messages, %d unseen%n",
                ACCOUNTS, sent.size(), balance, VICTIM, deliveredAtKill, sent.size(), balance.get(VICTIM), ACCOUNTS,
                takeover.toMillis(), afterTakeover, drained.toMillis(), delivered.deliveries(), delivered.duplicates(),
                delivered.missing(sent).size(), recordedTwice, cluster.deliveryRowsByState(), cluster.messages(),
                cluster.unseen());

        assertThat(takeover).as("time from the kill until the victim's accounts run elsewhere")
                .isLessThanOrEqualTo(TAKEOVER_LIMIT);
        assertThat(afterTakeover).as("owners after the takeover").doesNotContainKey(VICTIM);
        assertThat(delivered.missing(sent)).as("lost messages").isEmpty();
        assertThat(cluster.messages()).as("messages on the server (each once, none quarantined)")
                .isEqualTo(sent.size());
        assertThat(cluster.unseen()).as("messages left unseen on the server").isZero();
        assertThat(highWater).as("each account's high-water mark in the shared ledger: its last UID")
                .isEqualTo(expectedHighWater);
        assertThat(cluster.deliveryRowsByState()).as("failed or quarantined records in the ledger")
                .doesNotContainKeys("failed", "quarantined");
        assertThat(recordedTwice).as("messages the ledger was asked to record as delivered twice").isZero();
        assertThat(Set.copyOf(cluster.bucketOwners().values())).as("bucket owners in the ledger").doesNotContain(VICTIM);
        assertThat(delivered.duplicates()).as("messages delivered downstream twice: at most those in flight on the"
                + " killed replica").isLessThanOrEqualTo(IN_FLIGHT_LIMIT);
    }

}
