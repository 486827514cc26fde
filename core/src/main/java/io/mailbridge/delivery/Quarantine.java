package io.mailbridge.delivery;

import io.mailbridge.consumer.RetrievedMail;
import io.mailbridge.message.MailHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Takes a message out of the flow: sends its raw MIME and the reason to the account's dead-letter endpoint, then
 * has the mail consumer move it to the quarantine mailbox (created if missing) when the exchange completes.
 */
public final class Quarantine {

    public static final String REASON_HEADER = "MailQuarantineReason";
    public static final String ATTEMPTS_HEADER = "MailAttempts";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final String quarantineMailbox;
    private final String deadLetter;
    private final ProducerTemplate producer;

    public Quarantine(String quarantineMailbox, String deadLetter, ProducerTemplate producer) {
        this.quarantineMailbox = quarantineMailbox;
        this.deadLetter = deadLetter;
        this.producer = producer;
    }

    /** Moves a message quarantined before (its dead letter sent) whose move did not happen, as the connection broke. */
    void moveAgain(Exchange exchange, MessageKey key) {
        exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, quarantineMailbox);
        LOG.info("account '{}' uid {}: quarantined before; moving it to mailbox '{}'", key.account(), key.uid(),
                quarantineMailbox);
    }

    void quarantine(Exchange exchange, RetrievedMail mail, MessageKey key, int attempts, String reason) {
        Exchange sent = producer.send(deadLetter, deadLetterExchange -> {
            deadLetterExchange.getMessage().setBody(mail.raw().file().toFile());
            deadLetterExchange.getMessage().setHeaders(Map.of(
                    MailHeaders.ACCOUNT, key.account(),
                    MailHeaders.MAILBOX, key.mailbox(),
                    MailHeaders.UID, key.uid(),
                    MailHeaders.UID_VALIDITY, key.uidValidity(),
                    ATTEMPTS_HEADER, attempts,
                    REASON_HEADER, reason));
        });
        if (sent.getException() != null) {
            throw new IllegalStateException("cannot send account '" + key.account() + "' uid " + key.uid()
                    + " to the dead-letter endpoint; it stays in the mailbox", sent.getException());
        }
        exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, quarantineMailbox);
        LOG.warn("account '{}' uid {}: quarantined to mailbox '{}' after {} failed attempts: {}", key.account(),
                key.uid(), quarantineMailbox, attempts, reason);
    }
}
