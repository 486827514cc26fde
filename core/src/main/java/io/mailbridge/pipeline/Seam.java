package io.mailbridge.pipeline;

import io.mailbridge.delivery.ExchangeKeys;
import io.mailbridge.delivery.MessageKey;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The processor of one seam route: sends each exchange arriving at a {@code direct:} endpoint to every pipeline route
 * that consumes it, one after the other in the order of their ids, each with its own copy of the message, and fails
 * the exchange as soon as one of them fails. A lone route gets the exchange itself, as {@code direct:} would give it.
 */
public final class Seam extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Seam.class);
    private static final String FLOW_ENDPOINT = "direct:mailbridge-flow-";

    private final CamelContext camel;
    private final String endpoint;
    private final Set<String> routes = new ConcurrentSkipListSet<>();
    private final FlowProgress progress = new FlowProgress();
    private ProducerTemplate producer;

    Seam(CamelContext camel, String endpoint) {
        this.camel = camel;
        this.endpoint = endpoint;
    }

    /** The private endpoint a pipeline route consumes instead of the seam. */
    static String flowEndpoint(String routeId) {
        return FLOW_ENDPOINT + routeId;
    }

    /** Whether the URI is a route's private endpoint, an inner hop of a seam that users never name. */
    public static boolean isFlowEndpoint(String uri) {
        return uri.startsWith(FLOW_ENDPOINT) || uri.startsWith("direct://mailbridge-flow-");
    }

    String endpoint() {
        return endpoint;
    }

    List<String> routes() {
        return List.copyOf(routes);
    }

    boolean add(String routeId) {
        return routes.add(routeId);
    }

    boolean remove(String routeId) {
        return routes.remove(routeId);
    }

    @Override
    public void process(Exchange exchange) {
        List<String> current = routes();
        if (current.isEmpty()) {
            exchange.setException(new IllegalStateException("no pipeline route consumes " + endpoint));
        } else if (current.size() == 1) {
            producer.send(flowEndpoint(current.get(0)), exchange);
        } else {
            fanOut(exchange, current);
        }
    }

    private void fanOut(Exchange exchange, List<String> current) {
        MessageKey message = exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class);
        Set<String> done = new LinkedHashSet<>(progress.succeeded(message));
        for (String route : current) {
            if (done.contains(route)) {
                LOG.debug("{}: route {} already processed {}, not run again", endpoint, route, message);
                continue;
            }
            Exchange copy = exchange.copy();
            producer.send(flowEndpoint(route), copy);
            if (copy.getException() != null || copy.isRollbackOnly() || copy.isRollbackOnlyLast()) {
                progress.failedAfter(message, done);
                exchange.setException(copy.getException());
                exchange.setRollbackOnly(copy.isRollbackOnly());
                exchange.setRollbackOnlyLast(copy.isRollbackOnlyLast());
                // the route's error handler has logged the failure already, as it would on a direct: endpoint of its own
                exchange.getExchangeExtension().setRedeliveryExhausted(true);
                return;
            }
            done.add(route);
        }
        progress.completed(message);
    }

    @Override
    protected void doStart() {
        producer = camel.createProducerTemplate();
    }

    @Override
    protected void doStop() throws Exception {
        if (producer != null) {
            producer.stop();
        }
    }
}
