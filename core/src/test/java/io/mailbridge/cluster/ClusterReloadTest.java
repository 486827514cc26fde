package io.mailbridge.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterReloadTest {

    @TempDir
    Path dir;

    @Test
    void accounts_added_while_the_cluster_runs_start_on_one_node_and_removed_ones_stop_on_all() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir, 8)) {
            cluster.enableLiveReload();
            cluster.startNodes("node-1", "node-2");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> cluster.notRunningExactlyOnce().isEmpty());

            List<String> edited = List.of("account-1", "account-2", "account-3", "account-4", "account-5",
                    "account-6", "account-9", "account-10", "account-11");
            cluster.writeAccounts(edited);
            cluster.sendToEveryAccount("After the edit");

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                    cluster.notRunningExactlyOnce().isEmpty() && cluster.running().values().stream()
                            .flatMap(Set::stream).noneMatch(account -> account.equals("account-7")
                                    || account.equals("account-8")));
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.deliveries().distinct() == cluster.sent());
            assertThat(cluster.deliveries().duplicates()).isZero();
            assertThat(cluster.seenOnTwoNodes()).isEmpty();
        }
    }
}
