package io.mailbridge.faults;

import io.mailbridge.message.MailMessage;
import org.apache.camel.builder.RouteBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A downstream route on {@code direct:collect} that counts how often each message UID reached it. */
final class CollectingDownstream extends RouteBuilder {

    static final String ENDPOINT = "direct:collect";

    private final Map<Long, Integer> deliveries = new ConcurrentHashMap<>();

    @Override
    public void configure() {
        from(ENDPOINT).routeId("collect")
                .process(exchange -> deliveries.merge(exchange.getMessage().getBody(MailMessage.class).uid(), 1,
                        Integer::sum));
    }

    DeliveredUids delivered() {
        return new DeliveredUids(deliveries);
    }
}
