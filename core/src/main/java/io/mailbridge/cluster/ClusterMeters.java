package io.mailbridge.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The cluster gauges, registered once Camel has started (its meter registry exists only with
 * {@code camel.metrics.enabled=true}): {@code mailbridge_cluster_owned_accounts}, {@code
 * mailbridge_cluster_owned_buckets} and {@code mailbridge_cluster_connected} (1 or 0).
 */
final class ClusterMeters extends EventNotifierSupport {

    private final CamelContext camel;
    private final ClusterOwnership ownership;

    ClusterMeters(CamelContext camel, ClusterOwnership ownership) {
        this.camel = camel;
        this.ownership = ownership;
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MeterRegistry registry = camel.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (registry == null) {
            registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
        }
        if (registry == null) {
            return;
        }
        Gauge.builder("mailbridge.cluster.owned.accounts", ownership, o -> o.status().ownedAccounts())
                .description("Accounts of the buckets this node owns").strongReference(true).register(registry);
        Gauge.builder("mailbridge.cluster.owned.buckets", ownership, o -> o.status().owned().size())
                .description("Buckets this node owns").strongReference(true).register(registry);
        Gauge.builder("mailbridge.cluster.connected", ownership, o -> o.status().connected() ? 1 : 0)
                .description("1 while this node is connected to the cluster and listed among its members")
                .strongReference(true).register(registry);
    }
}
