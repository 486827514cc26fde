package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A message's raw bytes in a spool file; parsing reads parts from the file on demand, closing deletes it. */
public final class SpooledMessage implements AutoCloseable {

    private final Path file;
    private SharedFileInputStream input;

    SpooledMessage(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /** The message parsed lazily from the file: part contents stay on disk until read. */
    public MimeMessage parse(Session session) throws IOException, MessagingException {
        if (input == null) {
            input = new SharedFileInputStream(file.toFile());
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
