package io.mailbridge.cluster;

import io.mailbridge.app.MailbridgeApplication;
import io.mailbridge.delivery.DeliveryLedgers;
import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.ownership.ClaimStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mailbridge node in the test JVM, started as {@code run} starts it, with the delivery ledger and the claim store
 * shared by all nodes bound in place of its own (as the PostgreSQL ledger will be shared).
 */
final class ClusterNode implements AutoCloseable {

    private final String id;
    private final Main main;

    private ClusterNode(String id, Main main) {
        this.id = id;
        this.main = main;
    }

    static ClusterNode start(String id, Path accounts, Path routes, Map<String, String> properties,
                             DeliveryLedgers sharedLedger, ClaimStore sharedClaims, RoutesBuilder downstream)
            throws Exception {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("mailbridge.reload.enabled", "false");
        all.put("mailbridge.node", id);
        all.put("camel.main.name", "mailbridge-" + id);
        Main main = MailbridgeApplication.create(accounts, routes, all);
        main.configure().addRoutesBuilder(downstream);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                configured.getCamelContext().getRegistry().bind(DeliveryLedgers.BEAN, sharedLedger);
                configured.getCamelContext().getRegistry().bind("sharedClaims", ClaimStore.class, sharedClaims);
            }
        });
        main.start();
        return new ClusterNode(id, main);
    }

    String id() {
        return id;
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    /**
     * The accounts whose routes run on this node now: started (or starting, or suspended), or stopping with
     * messages still in flight; a route that never started is stopping, idle, while live reload removes it.
     */
    Set<String> runningAccounts() {
        Set<String> running = new TreeSet<>();
        for (Route route : camel().getRoutes()) {
            String routeId = route.getRouteId();
            ServiceStatus status = camel().getRouteController().getRouteStatus(routeId);
            boolean active = status != null && (status.isStarted() || status.isStarting() || status.isSuspended()
                    || status.isSuspending()
                    || status.isStopping() && camel().getInflightRepository().size(routeId) > 0);
            if (routeId.startsWith("mail-") && active) {
                running.add(routeId.substring("mail-".length()));
            }
        }
        return running;
    }

    ClusterStatus status() {
        return camel().getRegistry().lookupByNameAndType(AccountOwnership.BEAN, ClusterOwnership.class).status();
    }

    @Override
    public void close() {
        main.stop();
    }
}
