package io.mailbridge.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterFailoverTest {

    @TempDir
    Path dir;

    @Test
    void three_nodes_share_the_accounts_evenly_and_a_stopped_node_s_move_to_the_others_and_back_each_delivered_once()
            throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 60)) {
            cluster.sendToEveryAccount("Before the start");
            cluster.startNodes("node-1", "node-2", "node-3");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(cluster::isBalanced);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(cluster::isBalanced);
            Set<String> movedAway = cluster.running().get("node-3");

            long stopping = System.nanoTime();
            cluster.stopNode("node-3");
            long stopped = System.nanoTime();
            cluster.sendToEveryAccount("While node-3 is gone");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cluster.notRunningExactlyOnce().isEmpty());
            System.out.printf("node-3 stopped in %d ms; its %d accounts ran elsewhere %d ms later%n",
                    (stopped - stopping) / 1_000_000, movedAway.size(), (System.nanoTime() - stopped) / 1_000_000);

            long starting = System.nanoTime();
            cluster.startNode("node-3");
            cluster.sendToEveryAccount("While node-3 comes back");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(cluster::isBalanced);
            System.out.printf("node-3 started: balanced again after %d ms%n", (System.nanoTime() - starting) / 1_000_000);

            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.deliveries().distinct() == cluster.sent());
            assertThat(cluster.deliveries().duplicates()).isZero();
            assertThat(cluster.seenOnTwoNodes()).isEmpty();
        }
    }
}
