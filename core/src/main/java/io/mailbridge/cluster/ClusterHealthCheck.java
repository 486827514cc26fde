package io.mailbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Readiness of a cluster node ({@code cluster} in group {@code mailbridge}): UP while it is connected to the cluster
 * and listed among its members; the details name the node, the members, and the buckets (with epochs) and accounts
 * it owns.
 */
final class ClusterHealthCheck extends AbstractHealthCheck {

    static final String ID = "cluster";

    private final ClusterOwnership ownership;

    ClusterHealthCheck(CamelContext camel, ClusterOwnership ownership) {
        super("mailbridge", ID);
        this.ownership = ownership;
        setCamelContext(camel);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ClusterStatus status = ownership.status();
        builder.detail("node", status.nodeId());
        builder.detail("connected", status.connected());
        builder.detail("members", String.join(", ", status.members()));
        builder.detail("buckets", status.owned().stream()
                .map(bucket -> bucket.bucket() + " (epoch " + bucket.epoch() + ")")
                .collect(Collectors.joining(", ")));
        builder.detail("ownedAccounts", status.ownedAccounts());
        builder.detail("accounts", String.join(", ", status.accounts()));
        if (status.connected()) {
            builder.up();
        } else {
            builder.message("not connected to the cluster");
            builder.detail("reason", "not connected to the cluster");
            builder.down();
        }
    }
}
