package io.mailbridge.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * Adds the accounts' health checks and metrics to a Camel context, and keeps the account endpoints out of JMX with
 * their routes. Health and metrics are served over HTTP only when the management server is enabled
 * ({@code camel.management.enabled=true}); see {@code README-ops.md}.
 */
public final class Operations {

    private Operations() {
    }

    /** Idempotent: camel-main may run a configuration class twice (once found by classpath scanning). */
    public static void install(CamelContext camel) {
        HealthCheckRegistry health = HealthCheckRegistry.get(camel);
        if (health != null && health.getRepository(AccountHealthChecks.ID).isEmpty()) {
            health.register(new AccountHealthChecks());
        }
        if (camel.getManagementStrategy().getEventNotifiers().stream().noneMatch(AccountMetrics.class::isInstance)) {
            camel.getManagementStrategy().addEventNotifier(new AccountMetrics(camel));
        }
        if (!(camel.getManagementStrategy().getManagementObjectStrategy() instanceof AccountEndpointsOutOfJmx)) {
            camel.getManagementStrategy().setManagementObjectStrategy(new AccountEndpointsOutOfJmx());
        }
    }
}
