package io.mailbridge.delivery;

import io.mailbridge.consumer.RetrievedMail;
import io.mailbridge.message.MailHeaders;
import io.mailbridge.status.AccountStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The first step of an account route: identifies the message (account, mailbox, UIDVALIDITY, UID), lets through
 * only a message that was neither delivered before nor failed {@code maxAttempts} times, quarantines the latter,
 * counts each failed attempt durably and schedules the next one.
 */
public final class DeliveryGate implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryGate.class);

    private final String account;
    private final String mailbox;
    private final int maxAttempts;
    private final DeliveryLedger ledger;
    private final Quarantine quarantine;
    private final RetrySchedule retries;
    private final AccountStatus status;

    public DeliveryGate(String mailbox, int maxAttempts, DeliveryLedger ledger, Quarantine quarantine,
                        RetrySchedule retries, AccountStatus status) {
        this.account = status.account();
        this.status = status;
        this.mailbox = mailbox;
        this.maxAttempts = maxAttempts;
        this.ledger = ledger;
        this.quarantine = quarantine;
        this.retries = retries;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RetrievedMail mail = exchange.getMessage().getBody(RetrievedMail.class);
        if (mail == null) {
            throw new IllegalArgumentException("expected a RetrievedMail from the account's consumer, got "
                    + exchange.getMessage().getBody());
        }
        ledger.assertOwner();
        MessageKey key = new MessageKey(account, mailbox, mail.uidValidity(), mail.uid());
        status.fetched();
        if (exchange.getProperty(Exchange.BATCH_INDEX, 0, Integer.class) == 0) {
            status.backlog(mail.backlog());
        }
        exchange.setProperty(ExchangeKeys.MESSAGE_KEY, key);
        exchange.getMessage().setHeader(MailHeaders.ACCOUNT, account);
        exchange.getMessage().setHeader(MailHeaders.MAILBOX, mailbox);
        exchange.getMessage().setHeader(MailHeaders.UID, key.uid());
        exchange.getMessage().setHeader(MailHeaders.UID_VALIDITY, key.uidValidity());

        if (ledger.isDelivered(key)) {
            LOG.info("account '{}' uid {}: already delivered (the seen flag was not stored last time);"
                    + " flagging it seen without delivering it again", account, key.uid());
            status.duplicateSuppressed();
            exchange.setRouteStop(true);
            return;
        }
        if (ledger.isQuarantined(key)) {
            quarantine.moveAgain(exchange, key);
            exchange.setRouteStop(true);
            return;
        }
        int failures = ledger.failures(key);
        if (failures >= maxAttempts) {
            quarantine.quarantine(exchange, mail, key, failures, ledger.lastFailure(key));
            ledger.recordQuarantined(key);
            status.quarantined();
            exchange.setRouteStop(true);
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                countFailure(failed, key);
            }
        });
    }

    private void countFailure(Exchange failed, MessageKey key) {
        Exception failure = failed.getException();
        if (failure == null || FailureReasons.isConnectionProblem(failure)) {
            LOG.warn("account '{}' uid {}: not delivered, will retry at the next poll: {}", account, key.uid(),
                    failure == null ? "unknown" : FailureReasons.describe(failure));
            return;
        }
        status.failed();
        String reason = FailureReasons.describe(failure);
        int attempts = ledger.recordFailure(key, reason);
        String next = attempts >= maxAttempts ? "quarantined at the next poll"
                : "next attempt in " + retries.failed(key, attempts).toMillis() / 1000.0 + " s";
        LOG.warn("account '{}' uid {}: attempt {} of {} failed ({}): {}", account, key.uid(), attempts, maxAttempts,
                next, reason);
    }
}
