package io.mailbridge.delivery;

import io.mailbridge.consumer.BatchImapConsumer;
import io.mailbridge.message.MailMessage;
import io.mailbridge.status.AccountStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of an account route: records that the downstream succeeded, and has the consumer make that record
 * durable before it flags the message seen; logs one line per delivered message (account, UID, size, elapsed; the subject only when asked to).
 */
public final class DeliveryConfirmation implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConfirmation.class);

    private final DeliveryLedger ledger;
    private final AccountStatus status;
    private final boolean logSubjects;
    private final Runnable syncLedger;

    public DeliveryConfirmation(DeliveryLedger ledger, AccountStatus status, boolean logSubjects) {
        this.ledger = ledger;
        this.status = status;
        this.logSubjects = logSubjects;
        this.syncLedger = ledger::sync;
    }

    @Override
    public void process(Exchange exchange) {
        MessageKey key = exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class);
        ledger.recordDelivered(key);
        exchange.setProperty(BatchImapConsumer.BEFORE_SEEN, syncLedger);
        status.delivered();
        MailMessage message = exchange.getProperty(ExchangeKeys.MAIL_MESSAGE, MailMessage.class);
        LOG.info("account '{}' uid {}: delivered, {} bytes in {} ms{}", key.account(), key.uid(),
                message == null ? "?" : message.size(), exchange.getClock().elapsed(),
                logSubjects && message != null ? ", subject: " + message.subject() : "");
    }
}
