package io.mailbridge.message;

import jakarta.mail.Session;

import java.util.Properties;

/**
 * The Jakarta Mail session used to parse raw messages for {@link MailMessageMapper}.
 *
 * <p>It leaves {@code mail.mime.allowutf8} off on purpose: raw 8-bit header bytes then arrive intact as
 * ISO-8859-1 characters, and {@link HeaderDecoding} can tell UTF-8 from legacy charsets itself.
 */
public final class MimeParsing {

    private MimeParsing() {
    }

    public static Session session() {
        return Session.getInstance(new Properties());
    }
}
