package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import org.eclipse.angus.mail.util.QPDecoderStream;
import org.eclipse.angus.mail.util.UUDecoderStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Opens a part's content decoded by its Content-Transfer-Encoding, tolerating misspelt and unknown encodings.
 *
 * <p>{@code Part.getInputStream()} rejects unknown encodings ({@code 7-bit}, {@code plain}, {@code 8bits}) and
 * fails on base64 that ends badly, so content is read from the raw stream and decoded here instead: spelling is
 * normalised ({@code quoted printable}, {@code "quoted-printable "}, {@code quoted-printable;}), base64 and uuencode
 * ignore errors, and anything unrecognised is passed through as the raw bytes.
 */
final class TransferEncodings {

    private TransferEncodings() {
    }

    static InputStream decoded(MimePart part, String transferEncoding) throws MessagingException {
        InputStream raw = raw(part);
        return switch (normalise(transferEncoding)) {
            case "base64" -> new LenientBase64Stream(raw);
            case "quotedprintable" -> new QPDecoderStream(raw);
            case "uuencode", "xuuencode", "xuue" -> new UUDecoderStream(raw, true, true);
            default -> raw;
        };
    }

    static InputStream raw(MimePart part) throws MessagingException {
        if (part instanceof MimeMessage message) {
            return message.getRawInputStream();
        }
        if (part instanceof MimeBodyPart bodyPart) {
            return bodyPart.getRawInputStream();
        }
        throw new MessagingException("cannot read the raw content of a " + part.getClass().getName());
    }

    /** Whether the part's raw content has anything but whitespace, read without holding it in memory. */
    static boolean hasContent(MimePart part) throws MessagingException, IOException {
        try (InputStream in = raw(part)) {
            for (int b = in.read(); b != -1; b = in.read()) {
                if (!Character.isWhitespace(b)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String normalise(String transferEncoding) {
        if (transferEncoding == null) {
            return "";
        }
        String encoding = transferEncoding.toLowerCase(Locale.ROOT);
        int semicolon = encoding.indexOf(';');
        return (semicolon < 0 ? encoding : encoding.substring(0, semicolon)).replaceAll("[^a-z0-9]", "");
    }
}
