package io.mailbridge.consumer.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message's raw bytes in a spool file, and for a small message also in memory; parsing reads parts on demand
 * (from memory when it can), closing deletes the file.
 */
public final class SpooledMessage implements AutoCloseable {

    private static final int FILE_BUFFER = 64 * 1024;

    private final Path file;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private SharedFileInputStream input;

    private SpooledMessage(Path file, byte[] bytes, int offset, int length) {
        this.file = file;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    static SpooledMessage inMemory(Path file, byte[] bytes, int offset, int length) {
        return new SpooledMessage(file, bytes, offset, length);
    }

    static SpooledMessage onDisk(Path file) {
        return new SpooledMessage(file, null, 0, -1);
    }

    public Path file() {
        return file;
    }

    public long size() {
        if (bytes != null) {
            return length;
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /** The message parsed lazily: part contents stay where they are (memory or file) until read. */
    public MimeMessage parse(Session session) throws IOException, MessagingException {
        if (bytes != null) {
            return new MimeMessage(session, new SharedByteArrayInputStream(bytes, offset, length));
        }
        if (input == null) {
            input = new SharedFileInputStream(file.toFile(), FILE_BUFFER);
        }
        return new MimeMessage(session, input.newStream(0, -1));
    }

    @Override
    public void close() throws IOException {
        if (input != null) {
            input.close();
        }
        Files.deleteIfExists(file);
    }
}
