package io.mailbridge.message;

import jakarta.mail.MessagingException;

import java.io.IOException;
import java.io.InputStream;

/** Reads a leaf's content decoded by its transfer encoding, or as the raw bytes when that decoding fails midway. */
final class PartContent {

    private PartContent() {
    }

    /** The leaf's text, decoded by its declared charset with the fallbacks of {@link Charsets}. */
    static String text(MimeLeaf leaf) throws MessagingException, IOException {
        String text = Charsets.decode(read(leaf, InputStream::readAllBytes), leaf.info().charset());
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Streams the leaf's bytes into the store. */
    static StoredContent store(MimeLeaf leaf, AttachmentStore store) throws MessagingException, IOException {
        return read(leaf, store::store);
    }

    private static <T> T read(MimeLeaf leaf, Reader<T> reader) throws MessagingException, IOException {
        try (InputStream in = TransferEncodings.decoded(leaf.part(), leaf.info().transferEncoding())) {
            return reader.read(in);
        } catch (IOException undecodable) {
            try (InputStream in = TransferEncodings.raw(leaf.part())) {
                return reader.read(in);
            } catch (IOException e) {
                e.addSuppressed(undecodable);
                throw e;
            }
        }
    }

    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }
}
