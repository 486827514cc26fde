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
 * durable before it flags the message seen. Logs one INFO line per chunk made durable (account, count, UIDs, bytes)
 * and one line per message (UID, size, elapsed), at DEBUG, or at INFO with the subject when asked to.
 */
public final class DeliveryConfirmation implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConfirmation.class);

    private final DeliveryLedger ledger;
    private final AccountStatus status;
    private final boolean logSubjects;
    private final Runnable syncLedger;
    private int delivered;
    private long firstUid;
    private long lastUid;
    private long bytes;

    public DeliveryConfirmation(DeliveryLedger ledger, AccountStatus status, boolean logSubjects) {
        this.ledger = ledger;
        this.status = status;
        this.logSubjects = logSubjects;
        this.syncLedger = this::syncLedger;
    }

    @Override
    public void process(Exchange exchange) {
        MessageKey key = exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class);
        ledger.recordDelivered(key);
        exchange.setProperty(BatchImapConsumer.BEFORE_SEEN, syncLedger);
        status.delivered();
        MailMessage message = exchange.getProperty(ExchangeKeys.MAIL_MESSAGE, MailMessage.class);
        long size = message == null ? 0 : message.size();
        count(key.uid(), size);
        if (logSubjects) {
            LOG.info("account '{}' uid {}: delivered, {} bytes in {} ms, subject: {}", key.account(), key.uid(), size,
                    exchange.getClock().elapsed(), message == null ? "?" : message.subject());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("account '{}' uid {}: delivered, {} bytes in {} ms", key.account(), key.uid(), size,
                    exchange.getClock().elapsed());
        }
    }

    private synchronized void count(long uid, long size) {
        firstUid = delivered == 0 ? uid : Math.min(firstUid, uid);
        lastUid = delivered == 0 ? uid : Math.max(lastUid, uid);
        bytes += size;
        delivered++;
    }

    /** Run by the consumer once per chunk, before it flags the chunk's messages seen. */
    private void syncLedger() {
        ledger.sync();
        synchronized (this) {
            if (delivered > 0) {
                LOG.info("account '{}': {} delivered (uid {}{}), {} bytes", status.account(), delivered, firstUid,
                        lastUid == firstUid ? "" : "-" + lastUid, bytes);
            }
            delivered = 0;
            bytes = 0;
        }
    }
}
