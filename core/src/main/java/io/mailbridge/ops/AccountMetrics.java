package io.mailbridge.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers each account's {@link AccountMeters} on the meter registry Camel's metrics use (there is one only with
 * {@code camel.metrics.enabled=true}) when its route starts, and removes them when its route is removed, or stopped
 * because the account moved to another node, so accounts added, removed or moved while running are measured too.
 */
final class AccountMetrics extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AccountMetrics.class);

    private final CamelContext camel;
    private final Map<String, Bound> bound = new ConcurrentHashMap<>();

    /** {@code meters} is kept because the registry holds the object its meters read weakly. */
    private record Bound(String routeId, AccountMeters meters, List<Meter> registered) {
    }

    AccountMetrics(CamelContext camel) {
        this.camel = camel;
        setCamelContext(camel);
        setIgnoreExchangeEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreServiceEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteStartedEvent || event instanceof CamelEvent.RouteRemovedEvent
                || event instanceof CamelEvent.RouteStoppedEvent || event instanceof CamelEvent.CamelContextStartedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MeterRegistry registry = meterRegistry();
        if (registry == null) {
            return;
        }
        if (event instanceof CamelEvent.RouteRemovedEvent removed) {
            unbind(registry, removed.getRoute().getRouteId());
            return;
        }
        if (event instanceof CamelEvent.RouteStoppedEvent stopped) {
            // a route stopped because its account moved to another node is that node's to measure now
            AccountPoller.of(stopped.getRoute())
                    .filter(poller -> Ownership.of(camel).claim(poller.account()).isEmpty())
                    .ifPresent(poller -> unbind(registry, stopped.getRoute().getRouteId()));
            return;
        }
        if (event instanceof CamelEvent.RouteStartedEvent started) {
            bind(registry, started.getRoute());
            return;
        }
        camel.getRoutes().forEach(route -> bind(registry, route));
    }

    private void bind(MeterRegistry registry, Route route) {
        AccountPoller.of(route).ifPresent(poller -> bound.computeIfAbsent(poller.account(),
                account -> bind(registry, account, route.getRouteId())));
    }

    private Bound bind(MeterRegistry registry, String account, String routeId) {
        AccountMeters meters = new AccountMeters(camel, account);
        LOG.debug("account '{}': registering its meters", account);
        return new Bound(routeId, meters, meters.register(registry));
    }

    private void unbind(MeterRegistry registry, String routeId) {
        bound.values().removeIf(entry -> {
            if (entry.routeId().equals(routeId)) {
                entry.registered().forEach(registry::remove);
                return true;
            }
            return false;
        });
    }

    private MeterRegistry meterRegistry() {
        MeterRegistry registry = camel.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        return registry != null ? registry : camel.getRegistry().findSingleByType(MeterRegistry.class);
    }
}
