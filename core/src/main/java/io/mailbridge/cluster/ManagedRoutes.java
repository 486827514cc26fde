package io.mailbridge.cluster;

import io.mailbridge.route.AccountRouteTemplate;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account routes (made from the {@link AccountRouteTemplate}) in cluster mode: each is created not to start by
 * itself, at start-up or when live reload adds it, and is known here by route id with its account until removed, so
 * that the ownership starts it only while this node owns its bucket.
 */
final class ManagedRoutes implements RoutePolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedRoutes.class);

    private final CamelContext camel;
    private final Map<String, String> accountsByRoute = new ConcurrentHashMap<>();

    ManagedRoutes(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
        return node instanceof RouteDefinition definition && definition.isCreatedFromTemplate() ? new Policy() : null;
    }

    /** Route id to account name, of every account route that exists now. */
    Map<String, String> accountsByRoute() {
        return Map.copyOf(accountsByRoute);
    }

    boolean isRunning(String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        return status != null && (status.isStarted() || status.isStarting() || status.isSuspended());
    }

    boolean isStopped(String routeId) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStopped();
    }

    void start(String routeId) {
        try {
            camel.getRouteController().startRoute(routeId);
        } catch (Exception e) {
            LOG.error("cannot start route {}", routeId, e);
        }
    }

    /** Stops the route the graceful way (its messages in flight finish first) and returns when it is stopped. */
    void stop(String routeId) {
        try {
            camel.getRouteController().stopRoute(routeId);
        } catch (Exception e) {
            LOG.error("cannot stop route {}", routeId, e);
        }
    }

    /** Keeps one account route from starting by itself and keeps track of it. */
    private final class Policy extends RoutePolicySupport {

        @Override
        public void onInit(Route route) {
            super.onInit(route);
            Object account = route.getProperties().get(AccountRouteTemplate.ACCOUNT_PROPERTY);
            if (account != null) {
                route.setAutoStartup(false);
                accountsByRoute.put(route.getRouteId(), account.toString());
            }
        }

        @Override
        public void onRemove(Route route) {
            accountsByRoute.remove(route.getRouteId());
            super.onRemove(route);
        }
    }
}
