package io.mailbridge.message;

import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartSplitterTest {

    private static final String[] PIECES = {
            "--b", "--b--", "--bb", "--b ", "--b\t", "-", "--", "----", "b", "\r\n", "\n", "\r", "\r\r\n", " ", "\t",
            "Content-Type: text/plain", "X: y", "text", "=", "\r\n\r\n"};

    @Test
    void splits_a_multipart_into_its_parts() throws Exception {
        List<String> parts = split("preamble\r\n--b\r\nX: 1\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\n", "b");

        assertThat(parts).containsExactly("X: 1\r\n\r\none", "\r\ntwo");
    }

    @Test
    void splits_exactly_as_jakarta_mail_does_for_any_input() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                raw.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String boundary = random.nextInt(5) == 0 ? null : random.nextBoolean() ? "b" : "bb";
            String text = raw.toString();
            assertThat(outcome(() -> split(text, boundary))).as("%s with boundary %s", text, boundary)
                    .isEqualTo(outcome(() -> jakartaSplit(text, boundary)));
        }
    }

    private static String outcome(Splitting splitting) {
        try {
            return splitting.parts().toString();
        } catch (IOException | MessagingException | RuntimeException e) {
            return "failed with " + e.getClass().getName();
        }
    }

    private interface Splitting {
        List<String> parts() throws IOException, MessagingException;
    }

    private static List<String> split(String raw, String boundary) throws IOException, MessagingException {
        List<String> parts = new ArrayList<>();
        for (MimeBodyPart part : MultipartSplitter.split(stream(raw), boundary)) {
            parts.add(describe(part));
        }
        return parts;
    }

    private static List<String> jakartaSplit(String raw, String boundary) throws MessagingException, IOException {
        String type = boundary == null ? "multipart/mixed" : "multipart/mixed; boundary=\"" + boundary + "\"";
        MimeMultipart multipart = new MimeParts.LenientMultipart(new Source(raw, type));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            parts.add(describe(multipart.getBodyPart(i)));
        }
        return parts;
    }

    /** A part as its header lines and its raw content. */
    private static String describe(BodyPart part) throws MessagingException, IOException {
        MimeBodyPart mime = (MimeBodyPart) part;
        String headers = String.join("\r\n", Collections.list(mime.getAllHeaderLines()));
        try (InputStream content = mime.getRawInputStream()) {
            String body = new String(content.readAllBytes(), StandardCharsets.ISO_8859_1);
            return headers.isEmpty() ? "\r\n" + body : headers + "\r\n\r\n" + body;
        }
    }

    private static InputStream stream(String raw) {
        return new SharedByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private record Source(String raw, String type) implements DataSource {

        @Override
        public InputStream getInputStream() {
            return stream(raw);
        }

        @Override
        public String getContentType() {
            return type;
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }
    }
}
