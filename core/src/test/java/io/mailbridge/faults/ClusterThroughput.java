package io.mailbridge.faults;

import io.mailbridge.support.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures how fast one replica and three replicas drain the same mail (300 accounts × 10 messages of ~1 KiB by
 * default), each in cluster mode with the PostgreSQL ledger (fsync on) and ZooKeeper, with downstreams that take 0,
 * 20 and 100 ms per message (an HTTP call, say); prints the 3-replica rate as a ratio of the 1-replica rate of the
 * same run. The mail is put in first, and the replicas start with an empty accounts file; once they see each other
 * the file is filled in (live reload), so each takes its share from the start. Not a test: run its {@code main}.
 *
 * <p>Run (in {@code core/}): {@code mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt && java -cp
 * target/test-classes:target/classes:$(cat cp.txt) io.mailbridge.faults.ClusterThroughput}; {@code -Daccounts=N},
 * {@code -DperAccount=N}, {@code -Ddelays=0,20,100},
 * {@code -DpollThreads=N} (per replica, default 8).
 */
public final class ClusterThroughput {

    private static final int ACCOUNTS = Integer.getInteger("accounts", 300);
    private static final int PER_ACCOUNT = Integer.getInteger("perAccount", 10);
    private static final String DELAYS = System.getProperty("delays", "0,20,100");
    private static final String POLL_THREADS = System.getProperty("pollThreads", "8");

    private ClusterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("mailbridge-cluster-throughput");
        List<String> lines = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.durable()) {
            postgres.open();
            for (String delay : DELAYS.split(",")) {
                long delayMillis = Long.parseLong(delay.trim());
                double one = drain(dir.resolve("one-" + delayMillis), postgres, 1, delayMillis);
                double three = drain(dir.resolve("three-" + delayMillis), postgres, 3, delayMillis);
                lines.add(String.format("| %d ms | %d × %d | %.0f msg/s | %.0f msg/s | %.2f × |", delayMillis,
                        ACCOUNTS, PER_ACCOUNT, one, three, three / one));
            }
        }
        System.out.println("| downstream delay | accounts × messages | 1 replica | 3 replicas | 3 ÷ 1 |");
        System.out.println("|---|---|---:|---:|---:|");
        lines.forEach(System.out::println);
    }

    /**
     * Messages per second from the first delivery downstream to the last, with {@code replicas} replicas: they start
     * with no account, and once each sees all the others the accounts file, its mail already in, is filled in.
     */
    private static double drain(Path dir, PostgresServer postgres, int replicas, long delayMillis) throws Exception {
        try (ReplicaCluster cluster = new ReplicaCluster(Files.createDirectories(dir), postgres, ACCOUNTS,
                delayMillis, ChildMailbridge.FULL_SPEED)) {
            cluster.set("mailbridge.pollThreads", POLL_THREADS);
            cluster.withholdAccounts();
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= replicas; i++) {
                ids.add("replica-" + i);
                cluster.start("replica-" + i);
            }
            awaitMembers(cluster, ids);
            int total = cluster.deliver(PER_ACCOUNT).size();
            long published = System.nanoTime();
            cluster.publishAccounts();
            long first = 0;
            long deadline = published + TimeUnit.MINUTES.toNanos(10);
            int delivered = 0;
            while (delivered < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(delivered + " of " + total + " delivered in 10 minutes\n"
                            + cluster.logTails(40));
                }
                TimeUnit.MILLISECONDS.sleep(50);
                delivered = cluster.delivered().deliveries();
                if (first == 0 && delivered > 0) {
                    first = System.nanoTime();
                }
            }
            long last = System.nanoTime();
            double rate = (total - 1) / (Duration.ofNanos(last - first).toMillis() / 1000.0);
            System.out.printf("%d replica(s), downstream %d ms: %d messages, first delivery %d ms after the accounts"
                            + " were published, last %d ms after: %.0f msg/s; owned at the end %s; %d delivered"
                            + " twice%n", replicas, delayMillis, total, Duration.ofNanos(first - published).toMillis(),
                    Duration.ofNanos(last - published).toMillis(), rate, cluster.ownedAccounts(),
                    cluster.delivered().duplicates());
            return rate;
        }
    }

    private static void awaitMembers(ReplicaCluster cluster, List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (ids.stream().allMatch(id -> cluster.members(id).containsAll(ids))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the replicas did not see each other in 3 minutes\n" + cluster.logTails(40));
    }
}
