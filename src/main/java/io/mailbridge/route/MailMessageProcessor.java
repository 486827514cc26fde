package io.mailbridge.route;

import io.mailbridge.delivery.ExchangeKeys;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.message.MailMessage;
import io.mailbridge.message.MailMessageMapper;
import io.mailbridge.message.MailSource;
import io.mailbridge.message.RawMessageSpool;
import io.mailbridge.message.SpooledMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.SynchronizationAdapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Turns the {@link Message} camel-mail retrieved into a {@link MailMessage} body plus the mailbridge headers,
 * one message at a time, so a message that cannot be read fails only its own exchange.
 */
public final class MailMessageProcessor implements Processor {

    private final RawMessageSpool spool;
    private final MailMessageMapper mapper;
    private final Session parsing;

    public MailMessageProcessor(RawMessageSpool spool, MailMessageMapper mapper, Session parsing) {
        this.spool = spool;
        this.mapper = mapper;
        this.parsing = parsing;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof Message retrieved)) {
            throw new IllegalArgumentException("expected a jakarta.mail.Message from the mail consumer, got "
                    + (body == null ? "null" : body.getClass().getName()));
        }
        MessageKey key = exchange.getProperty(ExchangeKeys.MESSAGE_KEY, MessageKey.class);
        SpooledMessage raw = fetch(exchange, key, retrieved);
        Instant receivedAt = receivedAt(retrieved);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    raw.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete spool file " + raw.file(), e);
                }
            }
        });
        MailSource source = new MailSource(key.account(), key.mailbox(), key.uid(), key.uidValidity(), receivedAt,
                raw.size());
        MailMessage message = mapper.map(source, raw.parse(parsing));

        // a plain message: camel-mail's own copies its raw mail headers and rebuilds the body when copied
        org.apache.camel.Message mapped = new DefaultMessage(exchange);
        mapped.setBody(message);
        mapped.setHeader(MailHeaders.ACCOUNT, key.account());
        mapped.setHeader(MailHeaders.MAILBOX, key.mailbox());
        mapped.setHeader(MailHeaders.UID, key.uid());
        mapped.setHeader(MailHeaders.UID_VALIDITY, key.uidValidity());
        mapped.setHeader(MailHeaders.MESSAGE_ID, message.messageId());
        mapped.setHeader(MailHeaders.RAW_MIME, raw.file());
        exchange.setMessage(mapped);
        exchange.setProperty(ExchangeKeys.MAIL_MESSAGE, message);
    }

    /** The server's INTERNALDATE, or null when the server's envelope for the message cannot be read. */
    private static Instant receivedAt(Message retrieved) {
        try {
            return Optional.ofNullable(retrieved.getReceivedDate()).map(Date::toInstant).orElse(null);
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The raw message in a spool file; a failure here is the connection's, not the message's. */
    private SpooledMessage fetch(Exchange exchange, MessageKey key, Message retrieved) throws Exception {
        try {
            return spool.write(key.account(), retrieved);
        } catch (IOException | jakarta.mail.MessagingException | RuntimeException e) {
            exchange.setProperty(ExchangeKeys.FETCH_FAILED, true);
            throw e;
        }
    }
}
