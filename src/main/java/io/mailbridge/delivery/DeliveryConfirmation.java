package io.mailbridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The last step of an account route: records durably that the downstream succeeded, before the seen flag is set. */
public final class DeliveryConfirmation implements Processor {

    private final DeliveryLedger ledger;

    public DeliveryConfirmation(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        ledger.recordDelivered(exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class));
    }
}
