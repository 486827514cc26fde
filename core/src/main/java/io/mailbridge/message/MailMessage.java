package io.mailbridge.message;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;
import java.util.List;

/**
 * One retrieved email as structured data: the body of every exchange a mailbridge route sends downstream.
 *
 * <p>Lists are never {@code null}; {@code date} is {@code null} when the message has no parseable Date header.
 * Instants serialise as ISO-8601 UTC strings with any Jackson mapper, so a plain {@code marshal: json} works.
 */
public record MailMessage(
        String account,
        String mailbox,
        long uid,
        long uidValidity,
        String messageId,
        String subject,
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> replyTo,
        @JsonSerialize(using = ToStringSerializer.class) Instant date,
        @JsonSerialize(using = ToStringSerializer.class) Instant receivedAt,
        long size,
        String text,
        String html,
        List<MailAttachment> attachments) {

    public MailMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        attachments = List.copyOf(attachments);
    }

    /** This message as read from another mailbox or account, or with other IMAP facts. */
    public MailMessage withSource(MailSource source) {
        return new MailMessage(source.account(), source.mailbox(), source.uid(), source.uidValidity(), messageId,
                subject, from, to, cc, replyTo, date, source.receivedAt(), source.size(), text, html, attachments);
    }
}
