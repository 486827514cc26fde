package io.mailbridge.reload;

import io.mailbridge.account.Account;
import io.mailbridge.route.TemplateParameters;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;

/** Creates and removes one account's route in a running Camel context. */
final class AccountRouteControl {

    private final CamelContext camel;

    AccountRouteControl(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Creates the account's route from the template, exactly as at startup, and starts it, unless cluster mode made
     * it a route that starts only on the node that owns its bucket.
     */
    void add(Account account) throws Exception {
        if (camel.getRoute(account.routeId()) != null) {
            throw new IllegalStateException("route id " + account.routeId() + " is already used by another route;"
                    + " rename the account or that route");
        }
        try {
            camel.getCamelContextExtension().getContextPlugin(Model.class)
                    .addRouteFromTemplatedRoute(TemplateParameters.describe(new TemplatedRouteDefinition(), account));
            String routeId = account.routeId();
            if (!Boolean.FALSE.equals(camel.getRoute(routeId).isAutoStartup())
                    && !camel.getRouteController().getRouteStatus(routeId).isStarted()) {
                camel.getRouteController().startRoute(routeId);
            }
        } catch (Exception e) {
            // a half-created route would hold the id and block the next attempt
            try {
                remove(account);
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Stops the route the way Camel stops routes at shutdown (the in-flight message finishes, up to
     * {@code camel.main.shutdownTimeout}), then removes it and its definition so the id can be used again.
     */
    void remove(Account account) throws Exception {
        String routeId = account.routeId();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition definition = model.getRouteDefinition(routeId);
        if (definition != null) {
            model.removeRouteDefinition(definition);
        }
        // the poll watchdog restarts a route whose consumer has not polled for a while, which is also true of a
        // route waiting for a slow in-flight message to stop; remove what it restarted meanwhile
        for (int attempt = 1; camel.getRoute(routeId) != null; attempt++) {
            if (attempt > 3) {
                throw new IllegalStateException("route " + routeId + " was restarted each time it was removed");
            }
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }
}
