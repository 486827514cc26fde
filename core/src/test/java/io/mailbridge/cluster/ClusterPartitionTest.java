package io.mailbridge.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailbridge.ops.ManagementServer;
import io.mailbridge.support.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

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
            ManagementServer http = cluster.managementOf("node-3");
            cluster.sendToEveryAccount("Before the start");
            cluster.startNodes(Map.of("node-1", cluster.zookeeperAddress(), "node-2", cluster.zookeeperAddress(),
                    "node-3", "127.0.0.1:" + link.port()));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(cluster::isBalanced);
            Set<String> owned = cluster.running().get("node-3");
            await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/observe/health/ready").statusCode() == 200);
            JsonNode health = http.json("/observe/health?data=true");
            JsonNode node = ManagementServer.check(health, "cluster").orElseThrow().path("data");
            assertThat(node.path("node").asText()).isEqualTo("node-3");
            assertThat(node.path("members").asText()).isEqualTo("node-1, node-2, node-3");
            assertThat(node.path("accounts").asText().split(", ")).containsExactlyInAnyOrderElementsOf(owned);
            assertThat(accountChecks(health)).containsExactlyInAnyOrderElementsOf(owned);
            assertThat(ownedAccountsMetric(http.metrics())).isEqualTo(owned.size());

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
            assertThat(http.get("/observe/health/ready").statusCode()).as("node-3 is not ready").isEqualTo(503);
            assertThat(ManagementServer.check(http.json("/observe/health?data=true"), "cluster").orElseThrow()
                    .path("status").asText()).isEqualTo("DOWN");
            assertThat(ownedAccountsMetric(http.metrics())).isZero();
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

    /** The accounts that have a health check ({@code account-<name>}). */
    private static List<String> accountChecks(JsonNode health) {
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .map(check -> check.path("name").asText())
                .filter(name -> name.startsWith("account-account-"))
                .map(name -> name.substring("account-".length()))
                .toList();
    }

    private static double ownedAccountsMetric(String scrape) {
        Matcher sample = Pattern.compile("^mailbridge_cluster_owned_accounts(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        assertThat(sample.find()).as("mailbridge_cluster_owned_accounts in%n%s", scrape).isTrue();
        return Double.parseDouble(sample.group(2));
    }
}
