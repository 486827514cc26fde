package io.mailbridge.route;

import io.mailbridge.consumer.MailPreparer;
import io.mailbridge.consumer.RetrievedMail;
import io.mailbridge.delivery.ExchangeKeys;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.message.MailHeaders;
import io.mailbridge.message.MailMessage;
import io.mailbridge.message.MailMessageMapper;
import io.mailbridge.message.MailSource;
import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;

/**
 * Turns the {@link RetrievedMail} the account's consumer spooled into a {@link MailMessage} body plus the mailbridge
 * headers, one message at a time, so a message that cannot be read fails only its own exchange.
 */
public final class MailMessageProcessor implements Processor {

    private final MailMessageMapper mapper;
    private final Session parsing;

    public MailMessageProcessor(MailMessageMapper mapper, Session parsing) {
        this.mapper = mapper;
        this.parsing = parsing;
    }

    /** Maps a message ahead of routing, on the consumer's fetch thread; account and mailbox are set when routed. */
    public MailPreparer preparer() {
        return mail -> mapper.map(new MailSource("", "", mail.uid(), mail.uidValidity(), mail.receivedAt(),
                mail.size()), mail.raw().parse(parsing));
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        RetrievedMail retrieved = exchange.getMessage().getBody(RetrievedMail.class);
        if (retrieved == null) {
            throw new IllegalArgumentException("expected a RetrievedMail from the account's consumer, got "
                    + exchange.getMessage().getBody());
        }
        MessageKey key = exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class);
        MailSource source = new MailSource(key.account(), key.mailbox(), key.uid(), key.uidValidity(),
                retrieved.receivedAt(), retrieved.size());
        MailMessage message = retrieved.prepared() instanceof MailMessage prepared ? prepared.withSource(source)
                : mapper.map(source, retrieved.raw().parse(parsing));

        org.apache.camel.Message mapped = new DefaultMessage(exchange);
        mapped.setBody(message);
        mapped.setHeader(MailHeaders.ACCOUNT, key.account());
        mapped.setHeader(MailHeaders.MAILBOX, key.mailbox());
        mapped.setHeader(MailHeaders.UID, key.uid());
        mapped.setHeader(MailHeaders.UID_VALIDITY, key.uidValidity());
        mapped.setHeader(MailHeaders.MESSAGE_ID, message.messageId());
        mapped.setHeader(MailHeaders.RAW_MIME, retrieved.raw().file().toString());
        exchange.setMessage(mapped);
        exchange.setProperty(ExchangeKeys.MAIL_MESSAGE, message);
    }
}
