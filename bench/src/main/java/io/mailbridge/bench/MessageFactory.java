package io.mailbridge.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Random;

/**
 * Writes the benchmark's RFC 822 messages with CRLF line ends: ~1 KiB plain-text mail, or a short text part plus
 * one attachment of random (incompressible) bytes, base64 in 76-character lines. Deterministic per index.
 */
final class MessageFactory {

    static final int SMALL_SIZE = 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final ZonedDateTime EPOCH = ZonedDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", java.util.Locale.ROOT);
    private static final String FILLER = "The quick brown fox jumps over the lazy dog, then files a support ticket. ";

    private MessageFactory() {
    }

    static void write(int index, String to, int attachmentBytes, OutputStream out) throws IOException {
        if (attachmentBytes == 0) {
            writeSmall(index, to, out);
        } else {
            writeWithAttachment(index, to, attachmentBytes, out);
        }
    }

    private static void headers(int index, String to, String contentType, StringBuilder text) {
        text.append("Return-Path: <sender@example.com>\r\n")
                .append("Message-ID: <").append(index).append(".bench@mailbridge.test>\r\n")
                .append("Date: ").append(DATE.format(EPOCH.plusSeconds(index)))
                .append("\r\n")
                .append("From: Bench Sender <sender@example.com>\r\n")
                .append("To: ").append(to).append("@example.com\r\n")
                .append("Subject: Benchmark message ").append(index).append("\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
    }

    private static void writeSmall(int index, String to, OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(SMALL_SIZE + 100);
        headers(index, to, "text/plain; charset=UTF-8", text);
        text.append("Content-Transfer-Encoding: 7bit\r\n\r\n");
        while (text.length() < SMALL_SIZE - 2) {
            int room = SMALL_SIZE - 2 - text.length();
            text.append(FILLER, 0, Math.min(room, FILLER.length() - 1));
            text.append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeWithAttachment(int index, String to, int attachmentBytes, OutputStream out)
            throws IOException {
        String boundary = "=_bench_" + index;
        StringBuilder text = new StringBuilder(1024);
        headers(index, to, "multipart/mixed; boundary=\"" + boundary + "\"", text);
        text.append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append("Please find the file attached.\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: application/octet-stream; name=\"blob-").append(index).append(".bin\"\r\n")
                .append("Content-Disposition: attachment; filename=\"blob-").append(index).append(".bin\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(index);
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] line = new byte[57];
        for (int left = attachmentBytes; left > 0; left -= line.length) {
            byte[] chunk = left >= line.length ? line : new byte[left];
            random.nextBytes(chunk);
            out.write(base64.encode(chunk));
            out.write(CRLF);
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
