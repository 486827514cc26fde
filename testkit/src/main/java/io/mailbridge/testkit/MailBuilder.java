package io.mailbridge.testkit;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToLongFunction;

/**
 * Composes a message for a test: addresses, subject, a text and/or HTML body, attachments, headers, charset.
 * Unset, it is from {@code Test Sender <sender@example.com>} to the account's login, dated now, UTF-8.
 */
public final class MailBuilder {

    private final ToLongFunction<byte[]> delivery;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<MimeBodyPart> attachments = new ArrayList<>();
    private String from = "Test Sender <sender@example.com>";
    private String to;
    private String cc;
    private String replyTo;
    private String subject = "";
    private String text;
    private String html;
    private String charset = "UTF-8";

    MailBuilder(String to, ToLongFunction<byte[]> delivery) {
        this.to = to;
        this.delivery = delivery;
    }

    /** One address, with or without a display name: {@code "Ana <ana@example.com>"}. */
    public MailBuilder from(String address) {
        this.from = address;
        return this;
    }

    public MailBuilder to(String... addresses) {
        this.to = String.join(", ", addresses);
        return this;
    }

    public MailBuilder cc(String... addresses) {
        this.cc = String.join(", ", addresses);
        return this;
    }

    public MailBuilder replyTo(String... addresses) {
        this.replyTo = String.join(", ", addresses);
        return this;
    }

    public MailBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public MailBuilder text(String text) {
        this.text = text;
        return this;
    }

    /** An HTML body; with {@link #text} too, the message is multipart/alternative. */
    public MailBuilder html(String html) {
        this.html = html;
        return this;
    }

    /** The charset of subject and bodies, e.g. {@code ISO-8859-1}. */
    public MailBuilder charset(String charset) {
        this.charset = charset;
        return this;
    }

    /** Any header, e.g. {@code Message-ID}, {@code Date} or {@code X-Priority}; it wins over the defaults. */
    public MailBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public MailBuilder attachment(String fileName, String contentType, byte[] content) {
        try {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, contentType)));
            part.setFileName(fileName);
            part.setDisposition(Part.ATTACHMENT);
            attachments.add(part);
            return this;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot attach '" + fileName + "' as " + contentType, e);
        }
    }

    /** Attaches a file under its own name, typed by its extension (else application/octet-stream). */
    public MailBuilder attachment(Path file) {
        try {
            String type = Files.probeContentType(file);
            return attachment(file.getFileName().toString(), type == null ? "application/octet-stream" : type,
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attachment " + file.toAbsolutePath(), e);
        }
    }

    /** The message as raw RFC 822 bytes, as a server would store it. */
    public byte[] toBytes() {
        try {
            MimeMessage message = new KeptIdMessage();
            message.setFrom(new InternetAddress(from, true));
            message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
            if (cc != null) {
                message.setRecipients(MimeMessage.RecipientType.CC, InternetAddress.parse(cc, true));
            }
            if (replyTo != null) {
                message.setReplyTo(InternetAddress.parse(replyTo, true));
            }
            message.setSubject(subject, charset);
            message.setSentDate(new Date());
            body(message);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return raw.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot compose the message '" + subject + "'", e);
        }
    }

    /** Stores the message in the account's mailbox and returns its UID. */
    public long deliver() {
        return delivery.applyAsLong(toBytes());
    }

    private void body(MimeMessage message) throws MessagingException {
        if (attachments.isEmpty()) {
            fill(message);
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart first = new MimeBodyPart();
        fill(first);
        mixed.addBodyPart(first);
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        message.setContent(mixed);
    }

    /** Puts the text and/or HTML body into a message or a part. */
    private void fill(MimePart part) throws MessagingException {
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(text, "plain"));
            alternative.addBodyPart(textPart(html, "html"));
            part.setContent(alternative);
        } else if (html != null) {
            part.setText(html, charset, "html");
        } else {
            part.setText(text == null ? "" : text, charset, "plain");
        }
    }

    private MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, charset, subtype);
        return part;
    }

    /** Keeps a Message-ID the test set instead of generating a new one on save. */
    private static final class KeptIdMessage extends MimeMessage {
        KeptIdMessage() {
            super(Session.getInstance(new Properties()));
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
