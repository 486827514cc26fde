package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Test messages from {@code src/test/resources/mail} and helpers to check what the mapper made of them. */
final class MailFixtures {

    static final MailSource SOURCE =
            new MailSource("support", "INBOX", 42, 7, Instant.parse("2026-11-27T10:15:30Z"), 1234);

    private MailFixtures() {
    }

    static MimeMessage resource(String name) throws MessagingException {
        try (InputStream in = MailFixtures.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message /mail/" + name);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test message " + name, e);
        }
    }

    static MimeMessage parse(byte[] raw) throws MessagingException {
        return MimeParsing.parse(MimeParsing.session(), raw);
    }

    static MimeMessage parse(String raw) throws MessagingException {
        return parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] stored(AttachmentStore store, String sha256) throws IOException {
        try (InputStream in = store.open(sha256)) {
            return in.readAllBytes();
        }
    }
}
