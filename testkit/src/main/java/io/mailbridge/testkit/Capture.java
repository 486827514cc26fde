package io.mailbridge.testkit;

import java.util.Set;

/** One send as {@link ExchangeRecorder} saw it: settled once the send returned and the exchange's lineage is done. */
final class Capture {

    private final String endpoint;
    private final String exchangeId;
    private final String root;
    private Delivery delivery;
    private boolean sent;

    /** @param root the first exchange of the lineage, or null for an exchange outside any route (a template send) */
    Capture(String endpoint, String exchangeId, String root, Delivery delivery) {
        this.endpoint = endpoint;
        this.exchangeId = exchangeId;
        this.root = root;
        this.delivery = delivery;
    }

    String endpoint() {
        return endpoint;
    }

    Delivery delivery() {
        return delivery;
    }

    boolean awaitsSentEvent(String exchangeId, String endpoint) {
        return !sent && this.exchangeId.equals(exchangeId) && this.endpoint.equals(endpoint);
    }

    void sent(Exception failure) {
        sent = true;
        delivery = delivery.withFailure(failure);
    }

    boolean isSettled(Set<String> finishedExchanges) {
        return sent && (root == null || finishedExchanges.contains(root));
    }
}
