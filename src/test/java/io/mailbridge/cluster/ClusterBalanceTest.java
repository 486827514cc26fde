package io.mailbridge.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterBalanceTest {

    @TempDir
    Path dir;

    @Test
    void three_nodes_run_every_account_exactly_once_each_node_its_fair_share() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 60)) {
            cluster.sendToEveryAccount("Before the start");
            cluster.startNodes("node-1", "node-2", "node-3");

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(cluster::isBalanced);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(cluster::isBalanced);
            cluster.sendToEveryAccount("After settling");
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.deliveries().distinct() == cluster.sent());
            assertThat(cluster.deliveries().duplicates()).isZero();
            assertThat(cluster.seenOnTwoNodes()).isEmpty();
        }
    }
}
