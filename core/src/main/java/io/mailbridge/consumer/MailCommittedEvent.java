package io.mailbridge.consumer;

import org.apache.camel.spi.CamelEvent;

import java.util.List;

/**
 * A Camel event a batch consumer fires once it has stored on the server the outcome of exchanges that completed
 * (flagged seen, or moved): from then on the server shows what the exchanges did.
 */
public final class MailCommittedEvent implements CamelEvent {

    private final String routeId;
    private final List<String> exchangeIds;
    private long timestamp;

    MailCommittedEvent(String routeId, List<String> exchangeIds) {
        this.routeId = routeId;
        this.exchangeIds = List.copyOf(exchangeIds);
    }

    public String routeId() {
        return routeId;
    }

    /** The ids of the exchanges whose messages were committed. */
    public List<String> exchangeIds() {
        return exchangeIds;
    }

    @Override
    public Type getType() {
        return Type.Custom;
    }

    @Override
    public Object getSource() {
        return routeId;
    }

    @Override
    public long getTimestamp() {
        return timestamp;
    }

    @Override
    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }
}
