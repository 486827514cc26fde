package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps a parsed MIME message plus its IMAP facts to a {@link MailMessage}, storing its attachments on the way.
 *
 * <p>Headers, bodies and attachments are read leniently (see {@link HeaderDecoding}, {@link MailAddresses},
 * {@link MailDates}, {@link Charsets}, {@link TransferEncodings}); the body is the first {@code text/plain} and
 * the first {@code text/html} part not marked as a file; every other leaf that has a file name, a disposition or a
 * non-text type is an attachment. Multiparts nested deeper than {@value MimeParts#MAX_DEPTH} levels are kept
 * whole as one opaque attachment of their multipart type.
 */
public final class MailMessageMapper {

    private final AttachmentStore store;

    public MailMessageMapper(AttachmentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @throws MailMappingException when the message cannot be read at all (its reason names what failed); no
     *                              unchecked exception or {@link StackOverflowError} escapes
     */
    public MailMessage map(MailSource source, MimeMessage message) throws MailMappingException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        try {
            return mapMessage(source, message);
        } catch (IOException | MessagingException | RuntimeException | StackOverflowError e) {
            throw new MailMappingException("cannot map message uid " + source.uid() + " of account '"
                    + source.account() + "' mailbox '" + source.mailbox() + "': " + reason(e), e);
        }
    }

    private MailMessage mapMessage(MailSource source, MimeMessage message) throws IOException, MessagingException {
        String charset = HeaderParameters.parse(message.getHeader("Content-Type", null), null).get("charset");
        List<MimeLeaf> leaves = MimeParts.leaves(message, charset);
        MimeLeaf text = firstBody(leaves, "text/plain");
        MimeLeaf html = firstBody(leaves, "text/html");
        List<MailAttachment> attachments = new ArrayList<>();
        for (MimeLeaf leaf : leaves) {
            if (leaf != text && leaf != html && leaf.isAttachment()) {
                attachments.add(attachment(leaf));
            }
        }
        List<MailAddress> from = MailAddresses.parse(message.getHeader("From", ","), charset);
        return new MailMessage(source.account(), source.mailbox(), source.uid(), source.uidValidity(),
                messageId(message.getHeader("Message-ID", null)),
                subject(message.getHeader("Subject", null), charset),
                from.isEmpty() ? null : from.get(0),
                MailAddresses.parse(message.getHeader("To", ","), charset),
                MailAddresses.parse(message.getHeader("Cc", ","), charset),
                MailAddresses.parse(message.getHeader("Reply-To", ","), charset),
                MailDates.parse(message.getHeader("Date", null)),
                source.receivedAt(), source.size(),
                text == null ? null : PartContent.text(text),
                html == null ? null : PartContent.text(html),
                attachments);
    }

    private MailAttachment attachment(MimeLeaf leaf) throws IOException, MessagingException {
        PartInfo info = leaf.info();
        StoredContent stored;
        try {
            stored = PartContent.store(leaf, store);
        } catch (IOException e) {
            throw new IOException("cannot store attachment " + (info.fileName() == null ? "" : "'" + info.fileName() + "' ")
                    + "(" + info.baseType() + "): " + e.getMessage(), e);
        }
        return new MailAttachment(info.fileName(), info.baseType(), stored.size(), stored.sha256(), info.isInline());
    }

    private static MimeLeaf firstBody(List<MimeLeaf> leaves, String type) {
        return leaves.stream().filter(leaf -> leaf.isBodyCandidate(type)).findFirst().orElse(null);
    }

    private static String messageId(String header) {
        String id = header == null ? null : HeaderDecoding.unfold(header).strip();
        return id == null || id.isEmpty() ? null : id;
    }

    private static String subject(String header, String charset) {
        return header == null ? null : HeaderDecoding.decodeText(header, charset).strip();
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
