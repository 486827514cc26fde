package io.mailbridge.poison;

import io.mailbridge.message.MailMessage;
import io.mailbridge.message.MailHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The downstream of every test account ({@code direct:collect}): records each delivered {@link MailMessage} by
 * account and UID, and every attempt in order; rejects, every time, a message whose subject is {@value #REJECTED}.
 */
final class Collector extends RouteBuilder {

    static final String ENDPOINT = "direct:collect";
    static final String REJECTED = "POISON-DOWNSTREAM";
    static final String REJECTION = "downstream check rejects subject " + REJECTED;

    /** One call of the downstream, in arrival order. */
    record Attempt(String account, long uid, boolean delivered) {
    }

    private final Map<String, Map<Long, MailMessage>> delivered = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void configure() {
        from(ENDPOINT).routeId("poison-collector").process(this::collect);
    }

    private void collect(Exchange exchange) throws Exception {
        MailMessage message = exchange.getMessage().getMandatoryBody(MailMessage.class);
        String account = exchange.getMessage().getHeader(MailHeaders.ACCOUNT, String.class);
        if (REJECTED.equals(message.subject())) {
            attempts.add(new Attempt(account, message.uid(), false));
            throw new IllegalStateException(REJECTION);
        }
        delivered.computeIfAbsent(account, a -> new ConcurrentHashMap<>()).put(message.uid(), message);
        attempts.add(new Attempt(account, message.uid(), true));
    }

    Map<Long, MailMessage> delivered(String account) {
        return delivered.getOrDefault(account, Map.of());
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }
}
