package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;

import java.util.Properties;

/**
 * The Jakarta Mail session used to parse raw messages for {@link MailMessageMapper}.
 *
 * <p>It leaves {@code mail.mime.allowutf8} off on purpose: raw 8-bit header bytes then arrive intact as
 * ISO-8859-1 characters, and {@link HeaderDecoding} can tell UTF-8 from legacy charsets itself.
 *
 * <p>Loading this class names Angus' stream provider in the {@code jakarta.mail.util.StreamProvider} system property,
 * unless it is set already. Jakarta Mail 2.1 looks the provider up again for every header block it parses
 * (jakartaee/mail-api#699); it checks that property before {@code ServiceLoader}, which scans every jar on the class
 * path and was the hottest frame of mapping a small message. The provider found is the same either way.
 */
public final class MimeParsing {

    static {
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    private MimeParsing() {
    }

    public static Session session() {
        return Session.getInstance(new Properties());
    }

    /** A message parsed from raw bytes held in memory; its parts are slices of {@code raw}, not copies. */
    public static MimeMessage parse(Session session, byte[] raw) throws MessagingException {
        return new MimeMessage(session, new SharedByteArrayInputStream(raw));
    }
}
