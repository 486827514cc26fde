package io.mailbridge.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.NodeIdFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets several pipeline routes consume one {@code direct:} endpoint, such as {@code direct:mail}: as each route loaded
 * from a pipeline file is added (at start-up and at every live reload) its input becomes a private endpoint, and a
 * seam route {@code mailbridge-seam-<name>} consumes the shared one and hands every exchange to each route in turn.
 */
public final class SeamFlows extends ModelLifecycleStrategySupport {

    public static final String SEAM_ROUTE_PREFIX = "mailbridge-seam-";

    private static final Logger LOG = LoggerFactory.getLogger(SeamFlows.class);
    private static final Pattern DIRECT = Pattern.compile("direct:(?://)?([^?]+)(?:\\?.*)?");

    private final CamelContext camel;
    private final Map<String, Seam> seams = new ConcurrentHashMap<>();

    private SeamFlows(CamelContext camel) {
        this.camel = camel;
    }

    /** Call before any pipeline route is added. */
    public static void install(CamelContext camel) {
        model(camel).addModelLifecycleStrategy(new SeamFlows(camel));
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (!isPipeline(route)) {
            return;
        }
        String id = route.idOrCreate(camel.getCamelContextExtension().getContextPlugin(NodeIdFactory.class));
        Optional<String> shared = directName(route.getInput());
        // a reloaded route may have moved to another endpoint: it leaves every seam it is no longer on
        seams.values().stream().filter(seam -> !shared.equals(Optional.of(seam.endpoint())))
                .forEach(seam -> leave(seam, id));
        shared.ifPresent(name -> {
            route.getInput().setUri(Seam.flowEndpoint(id));
            join(seam(name), id);
        });
    }

    // A removed route definition is not taken off its seam: Camel's route reload removes a route and adds its new
    // version, and a message passing the seam in between must wait for the new version (direct: blocks until a
    // consumer is there) instead of being flagged seen without it.

    private static boolean isPipeline(RouteDefinition route) {
        return route.getResource() != null && route.getInput() != null && !route.isCreatedFromTemplate()
                && !Boolean.TRUE.equals(route.isTemplate()) && !Boolean.TRUE.equals(route.isKamelet())
                && !Boolean.TRUE.equals(route.isRest())
                && (route.getRouteId() == null || !route.getRouteId().startsWith("mailbridge-"));
    }

    private Optional<String> directName(FromDefinition input) {
        String uri = input.getEndpointUri();
        if (uri == null) {
            return Optional.empty();
        }
        Matcher direct = DIRECT.matcher(camel.resolvePropertyPlaceholders(uri));
        return direct.matches() ? Optional.of("direct:" + direct.group(1)) : Optional.empty();
    }

    private synchronized Seam seam(String endpoint) {
        Seam seam = seams.get(endpoint);
        if (seam == null) {
            seam = new Seam(camel, endpoint);
            seams.put(endpoint, seam);
            RouteDefinition route = new RouteDefinition();
            route.from(endpoint).routeId(SEAM_ROUTE_PREFIX + endpoint.substring("direct:".length()))
                    .routeDescription("hands each message of " + endpoint + " to every pipeline route on it, in turn")
                    .process(seam);
            try {
                model(camel).addRouteDefinition(route);
            } catch (Exception e) {
                seams.remove(endpoint);
                throw new RuntimeCamelException("cannot create the seam route for " + endpoint, e);
            }
        }
        return seam;
    }

    private static void join(Seam seam, String routeId) {
        if (seam.add(routeId) && seam.routes().size() > 1) {
            LOG.info("{} goes to the routes {}, one after the other", seam.endpoint(), seam.routes());
        }
    }

    private static void leave(Seam seam, String routeId) {
        if (seam.remove(routeId)) {
            LOG.info("route {} no longer consumes {}; it goes to {}", routeId, seam.endpoint(), seam.routes());
        }
    }

    private static Model model(CamelContext camel) {
        return camel.getCamelContextExtension().getContextPlugin(Model.class);
    }
}
