package io.mailbridge.consumer;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.util.URISupport;

import java.util.Map;

/**
 * Camel's consumer health check ({@code consumer:<route id>}) for a batch consumer: DOWN until the first poll (or
 * the registry's initial state), then UP after a poll that worked and DOWN with the error after one that failed.
 * Unlike Camel's own, it sanitizes the endpoint URI only when it reports it, not when the consumer is built:
 * Camel's regex is quadratic in the URI's length, ~1 ms per account route at start-up. Its detail {@code idle} says
 * whether IMAP IDLE watches the mailbox ({@code watching}), is off, or is reconnecting and why.
 */
final class BatchConsumerHealthCheck implements HealthCheck {

    private static final String ROUTE_ID = "route.id";
    private static final String IDLE = "idle";

    private final BatchImapConsumer consumer;
    private final String id;
    private final State initialState;
    private volatile boolean enabled = true;

    BatchConsumerHealthCheck(BatchImapConsumer consumer) {
        this.consumer = consumer;
        this.id = "consumer:" + consumer.getRouteId();
        HealthCheckRegistry registry = HealthCheckRegistry.get(consumer.getEndpoint().getCamelContext());
        this.initialState = registry != null ? registry.getInitialState() : State.DOWN;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this).state(initialState);
        builder.detail(ROUTE_ID, consumer.getRouteId());
        builder.detail(IDLE, consumer.idleState());
        if (!consumer.isFirstPollDone()) {
            return builder.message("no poll has completed yet").build();
        }
        long errors = consumer.getErrorCounter();
        if (errors == 0) {
            return builder.up().build();
        }
        String uri = URISupport.sanitizeUri(consumer.getEndpoint().getEndpointUri());
        builder.down().detail(FAILURE_ERROR_COUNT, errors).detail(ENDPOINT_URI, uri)
                .message("the last " + errors + " poll(s) of " + uri + " failed");
        Throwable cause = consumer.lastPollError();
        return (cause == null ? builder : builder.error(cause)).build();
    }
}
