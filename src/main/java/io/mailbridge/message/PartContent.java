package io.mailbridge.message;

import jakarta.mail.MessagingException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a leaf's content: decoded by its transfer encoding, or as the raw bytes when that decoding fails midway.
 */
final class PartContent {

    private PartContent() {
    }

    /** The leaf's text, decoded by its declared charset with the fallbacks of {@link Charsets}. */
    static String text(MimeLeaf leaf) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = TransferEncodings.decoded(leaf.part(), leaf.info().transferEncoding())) {
            bytes = in.readAllBytes();
        } catch (IOException undecodable) {
            try (InputStream in = TransferEncodings.raw(leaf.part())) {
                bytes = in.readAllBytes();
            }
        }
        return stripByteOrderMark(Charsets.decode(bytes, leaf.info().charset()));
    }

    /** Stores the leaf's bytes, retrying with the raw bytes when decoding fails midway. */
    static StoredContent store(MimeLeaf leaf, AttachmentStore store) throws MessagingException, IOException {
        try (InputStream in = TransferEncodings.decoded(leaf.part(), leaf.info().transferEncoding())) {
            return store.store(in);
        } catch (IOException undecodable) {
            try (InputStream in = TransferEncodings.raw(leaf.part())) {
                return store.store(in);
            } catch (IOException e) {
                e.addSuppressed(undecodable);
                throw e;
            }
        }
    }

    private static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
