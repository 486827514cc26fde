package io.mailbridge.cluster;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void a_single_node_owns_every_account_and_needs_no_cluster_service() {
        DefaultCamelContext camel = new DefaultCamelContext();
        Clustering.install(camel);
        assertThat(camel.getRegistry().lookupByName(AccountOwnership.BEAN)).isSameAs(AccountOwnership.SOLE);
        assertThat(camel.hasServices(CamelClusterService.class)).isEmpty();
    }

    @Test
    void cluster_mode_without_a_cluster_service_fails_at_start_up_saying_what_to_set() throws Exception {
        assertThatThrownBy(() -> start(Map.of("mailbridge.cluster.enabled", "true")).close())
                .hasMessageContaining("mailbridge.cluster.enabled is true but no Camel cluster service is"
                        + " configured: set camel.cluster.zookeeper.nodes");
    }

    @Test
    void cluster_mode_with_each_node_its_own_ledger_fails_at_start_up_saying_to_share_one() {
        assertThatThrownBy(() -> start(Map.of("mailbridge.cluster.enabled", "true",
                "camel.cluster.zookeeper.nodes", "127.0.0.1:1",
                "camel.cluster.zookeeper.connectTimeout", "500")).close())
                .hasMessageContaining("mailbridge.cluster.enabled is true but the delivery ledger is this node's own")
                .hasMessageContaining("set mailbridge.ledger = jdbc");
    }

    @Test
    void an_unknown_zookeeper_option_fails_at_start_up_naming_it() {
        assertThatThrownBy(() -> start(Map.of("mailbridge.cluster.enabled", "true",
                "camel.cluster.zookeeper.nodes", "127.0.0.1:2181",
                "camel.cluster.zookeeper.sesionTimeout", "15000")).close())
                .hasMessageContaining("unknown camel.cluster.zookeeper option(s):"
                        + " camel.cluster.zookeeper.sesionTimeout");
    }

    @Test
    void zookeeper_options_are_set_on_the_zookeeper_cluster_service() {
        CamelClusterService service = ClusterServiceProperties.create(context(Map.of(
                "camel.cluster.zookeeper.nodes", "zk1:2181,zk2:2181",
                "camel.cluster.zookeeper.basePath", "/mailbridge",
                "camel.cluster.zookeeper.sessionTimeout", "15000"))).orElseThrow();
        ZooKeeperClusterService zookeeper = (ZooKeeperClusterService) service;
        assertThat(zookeeper.getNodes()).isEqualTo("zk1:2181,zk2:2181");
        assertThat(zookeeper.getBasePath()).isEqualTo("/mailbridge");
        assertThat(zookeeper.getSessionTimeout()).isEqualTo(15000);
    }

    @Test
    void a_system_property_overrides_the_properties_file_as_with_mailbridge_run_dash_d() {
        String key = "camel.cluster.zookeeper.nodes";
        System.setProperty(key, "zk-from-command-line:2181");
        try {
            ZooKeeperClusterService zookeeper = (ZooKeeperClusterService) ClusterServiceProperties.create(context(Map.of(
                    key, "zk-from-file:2181"))).orElseThrow();
            assertThat(zookeeper.getNodes()).isEqualTo("zk-from-command-line:2181");
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void kubernetes_lease_options_are_set_on_the_kubernetes_cluster_service() {
        CamelClusterService service = ClusterServiceProperties.create(context(Map.of(
                "camel.cluster.kubernetes.kubernetesNamespace", "mail",
                "camel.cluster.kubernetes.kubernetesResourceName", "mailbridge",
                "camel.cluster.kubernetes.leaseDurationMillis", "15000",
                "camel.cluster.kubernetes.renewDeadlineMillis", "10000",
                "camel.cluster.kubernetes.retryPeriodMillis", "2000",
                "camel.cluster.kubernetes.clusterLabels[app]", "mailbridge"))).orElseThrow();
        KubernetesClusterService kubernetes = (KubernetesClusterService) service;
        assertThat(kubernetes.getKubernetesNamespace()).isEqualTo("mail");
        assertThat(kubernetes.getKubernetesResourceName()).isEqualTo("mailbridge");
        assertThat(kubernetes.getLeaseDurationMillis()).isEqualTo(15000);
        assertThat(kubernetes.getRenewDeadlineMillis()).isEqualTo(10000);
        assertThat(kubernetes.getRetryPeriodMillis()).isEqualTo(2000);
        assertThat(kubernetes.getClusterLabels()).containsExactly(Map.entry("app", "mailbridge"));
    }

    @Test
    void two_cluster_services_at_once_are_refused() {
        assertThatThrownBy(() -> ClusterServiceProperties.create(context(Map.of(
                "camel.cluster.zookeeper.nodes", "zk1:2181",
                "camel.cluster.kubernetes.kubernetesNamespace", "mail"))))
                .hasMessageContaining("more than one Camel cluster service is configured");
    }

    private static DefaultCamelContext context(Map<String, String> properties) {
        DefaultCamelContext camel = new DefaultCamelContext();
        Properties initial = new Properties();
        initial.putAll(properties);
        camel.getPropertiesComponent().setInitialProperties(initial);
        return camel;
    }

    private RunningMailbridge start(Map<String, String> properties) throws Exception {
        Path accounts = Files.writeString(dir.resolve("accounts.yaml"), """
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{env:NO_SUCH_PASSWORD_VARIABLE:unused}}"
                    host: 127.0.0.1
                    port: 1
                """);
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("mailbridge.dataDir", dir.resolve("data").toString());
        return RunningMailbridge.start(accounts, dir, all);
    }
}
