package io.mailbridge.poison;

import java.nio.charset.StandardCharsets;

/**
 * Builds raw message bytes for {@link BrokenMail}. Text is written as ISO-8859-1, one byte per character, so a
 * message can hold exactly the bytes it is meant to: {@code \u00e9} is the single byte 0xE9, and {@link #utf8Bytes}
 * turns text into characters that stand for its UTF-8 bytes.
 */
final class RawMail {

    private RawMail() {
    }

    /** The text with every {@code \n} (as in a text block) turned into CRLF, one byte per character. */
    static byte[] crlf(String text) {
        return bytes(text.replace("\n", "\r\n"));
    }

    /** The text exactly as written, one byte per character. */
    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Characters that are the UTF-8 bytes of {@code text}, to embed raw UTF-8 in a one-byte-per-character message. */
    static String utf8Bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Plain headers of a well-formed message; {@code extra} header lines are added before MIME-Version. */
    static String headers(String subject, String messageId, String... extra) {
        StringBuilder headers = new StringBuilder()
                .append("From: Poison Tester <tester@poison.test>\n")
                .append("To: support@example.com\n")
                .append("Subject: ").append(subject).append('\n')
                .append("Date: Fri, 27 Nov 2026 10:15:30 +0000\n")
                .append("Message-ID: <").append(messageId).append("@poison.test>\n");
        for (String line : extra) {
            headers.append(line).append('\n');
        }
        return headers.append("MIME-Version: 1.0\n").toString();
    }
}
