package io.mailbridge.cluster;

import io.mailbridge.message.MailMessage;
import org.apache.camel.builder.RouteBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts how often each message (account and UID) reached downstream, over every node. */
final class Deliveries {

    static final String ENDPOINT = "direct:collect";

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    /** A downstream route for one node, counting into this. */
    RouteBuilder route() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(ENDPOINT).routeId("collect").process(exchange -> {
                    MailMessage message = exchange.getMessage().getBody(MailMessage.class);
                    counts.merge(message.account() + "/" + message.uid(), 1, Integer::sum);
                });
            }
        };
    }

    int distinct() {
        return counts.size();
    }

    int duplicates() {
        return counts.values().stream().mapToInt(count -> count - 1).sum();
    }
}
