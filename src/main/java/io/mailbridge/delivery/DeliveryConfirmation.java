package io.mailbridge.delivery;

import io.mailbridge.status.AccountStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The last step of an account route: records durably that the downstream succeeded, before the seen flag is set. */
public final class DeliveryConfirmation implements Processor {

    private final DeliveryLedger ledger;
    private final AccountStatus status;

    public DeliveryConfirmation(DeliveryLedger ledger, AccountStatus status) {
        this.ledger = ledger;
        this.status = status;
    }

    @Override
    public void process(Exchange exchange) {
        ledger.recordDelivered(exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class));
        status.delivered();
    }
}
