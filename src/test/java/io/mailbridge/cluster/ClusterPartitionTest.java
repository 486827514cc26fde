package io.mailbridge.cluster;

import io.mailbridge.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterPartitionTest {

    @TempDir
    Path dir;

    @Test
    void a_node_cut_off_from_zookeeper_stops_its_routes_the_others_take_its_accounts_and_it_rejoins_when_healed()
            throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 30)) {
            TcpProxy link = cluster.proxyToZookeeper();
            cluster.sendToEveryAccount("Before the start");
            cluster.startNodes(Map.of("node-1", cluster.zookeeperAddress(), "node-2", cluster.zookeeperAddress(),
                    "node-3", "127.0.0.1:" + link.port()));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(cluster::isBalanced);

            long cut = System.nanoTime();
            link.cutEachAfterRandomBytes(0);
            link.cutAll();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cluster.running().get("node-3").isEmpty());
            long stoppedAfter = (System.nanoTime() - cut) / 1_000_000;
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cluster.notRunningExactlyOnce().isEmpty());
            System.out.printf("node-3 cut off: its routes stopped after %d ms, its accounts ran elsewhere after %d ms"
                    + " (session timeout %d ms)%n", stoppedAfter, (System.nanoTime() - cut) / 1_000_000,
                    TestCluster.SESSION_MILLIS);
            assertThat(cluster.status("node-3").connected()).isFalse();
            cluster.sendToEveryAccount("While node-3 is cut off");

            long healed = System.nanoTime();
            link.stopCutting();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(cluster::isBalanced);
            System.out.printf("node-3 reconnected: balanced again after %d ms%n",
                    (System.nanoTime() - healed) / 1_000_000);

            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.deliveries().distinct() == cluster.sent());
            assertThat(cluster.deliveries().duplicates()).isZero();
            assertThat(cluster.seenOnTwoNodes()).isEmpty();
        }
    }
}
