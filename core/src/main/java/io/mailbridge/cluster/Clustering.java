package io.mailbridge.cluster;

import io.mailbridge.ownership.AccountOwnership;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckRegistry;

import java.util.Optional;

/**
 * Binds the {@link AccountOwnership}: {@link AccountOwnership#SOLE} on a single node (the default), or with
 * {@code mailbridge.cluster.enabled=true} a {@link ClusterOwnership} over the Camel cluster service, which then
 * starts the account routes, with its health check and metrics.
 */
public final class Clustering {

    private Clustering() {
    }

    /** Idempotent: camel-main may run a configuration class twice (once found by classpath scanning). */
    public static void install(CamelContext camel) {
        if (camel.getRegistry().lookupByName(AccountOwnership.BEAN) != null) {
            return;
        }
        ClusterSettings settings = ClusterSettings.of(camel);
        if (!settings.enabled()) {
            camel.getRegistry().bind(AccountOwnership.BEAN, AccountOwnership.class, AccountOwnership.SOLE);
            return;
        }
        ManagedRoutes routes = new ManagedRoutes(camel);
        camel.addRoutePolicyFactory(routes);
        ClusterOwnership ownership;
        try {
            Optional<CamelClusterService> configured = ClusterServiceProperties.create(camel);
            ClusterConnection connection = configured.flatMap(service -> ZooKeeperConnection.attach(camel, service))
                    .orElse(ClusterConnection.ELECTIONS_ONLY);
            if (configured.isPresent()) {
                camel.addService(configured.get());
            }
            ownership = new ClusterOwnership(camel, settings, routes, connection);
            camel.addService(ownership);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up cluster mode: " + e.getMessage(), e);
        }
        camel.getRegistry().bind(AccountOwnership.BEAN, AccountOwnership.class, ownership);
        HealthCheckRegistry health = HealthCheckRegistry.get(camel);
        if (health != null) {
            health.register(new ClusterHealthCheck(camel, ownership));
        }
        camel.getManagementStrategy().addEventNotifier(new ClusterMeters(camel, ownership));
    }
}
