package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.IntStream;

import static io.mailbridge.message.MailFixtures.SOURCE;
import static io.mailbridge.message.MailFixtures.resource;
import static io.mailbridge.message.MailFixtures.sha256;
import static io.mailbridge.message.MailFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class AttachmentMappingTest {

    static final byte[] LOGO_PNG =
            HexFormat.of().parseHex("89504e470d0a1a0a0000000d494844520000000100000001080600000029a9f7a1");

    @TempDir
    Path directory;

    private MailMessage map(String fixture) throws Exception {
        return new MailMessageMapper(new AttachmentStore(directory)).map(SOURCE, resource(fixture));
    }

    static byte[] reportPdf() {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        IntStream.range(0, 256).forEach(pdf::write);
        pdf.writeBytes("\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return pdf.toByteArray();
    }

    @Test
    void finds_the_bodies_inside_multipart_related_inside_multipart_mixed() throws Exception {
        MailMessage message = map("mixed-with-attachments.eml");

        assertThat(message.text()).isEqualTo("See the report.");
        assertThat(message.html()).isEqualTo("<p><img src=\"cid:logo@example.org\"> See the report.</p>");
    }

    @Test
    void describes_the_inline_image_and_the_attached_pdf() throws Exception {
        MailMessage message = map("mixed-with-attachments.eml");

        assertThat(message.attachments()).containsExactly(
                new MailAttachment("logo.png", "image/png", LOGO_PNG.length, sha256(LOGO_PNG), true),
                new MailAttachment("report.pdf", "application/pdf", reportPdf().length, sha256(reportPdf()), false));
    }

    @Test
    void stores_the_decoded_bytes_of_each_attachment_under_its_sha256() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        MailMessage message = new MailMessageMapper(store).map(SOURCE, resource("mixed-with-attachments.eml"));

        assertThat(stored(store, message.attachments().get(0).sha256())).isEqualTo(LOGO_PNG);
        assertThat(stored(store, message.attachments().get(1).sha256())).isEqualTo(reportPdf());
        assertThat(store.path(sha256(reportPdf()))).isRegularFile();
    }

    @Test
    void decodes_rfc2231_file_names_and_strips_path_components() throws Exception {
        MailMessage message = map("rfc2231-filenames.eml");

        assertThat(message.text()).isEqualTo("Five files.");
        assertThat(message.attachments())
                .extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::inline)
                .containsExactly(
                        tuple("€ rates 2026.txt", "text/plain", false),
                        tuple("Grüße aus Köln.zip", "application/zip", false),
                        tuple("budget.xls", "application/vnd.ms-excel", false),
                        tuple("passwd", "text/plain", false),
                        tuple(null, "application/octet-stream", false));
    }

    @Test
    void counts_the_decoded_size_of_each_attachment() throws Exception {
        MailMessage message = map("rfc2231-filenames.eml");
        byte[] emptyZip = Base64.getDecoder().decode("UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==");

        assertThat(message.attachments()).extracting(MailAttachment::size, MailAttachment::sha256).containsExactly(
                tuple(5L, sha256("rates".getBytes(StandardCharsets.US_ASCII))),
                tuple((long) emptyZip.length, sha256(emptyZip)),
                tuple(6L, sha256("budget".getBytes(StandardCharsets.US_ASCII))),
                tuple(4L, sha256("root".getBytes(StandardCharsets.US_ASCII))),
                tuple(9L, sha256("anonymous".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void decodes_a_bad_base64_attachment_as_far_as_it_goes() throws Exception {
        byte[] expected = new byte[100];
        IntStream.range(0, 100).forEach(i -> expected[i] = (byte) i);

        assertThat(map("bad-base64.eml").attachments())
                .containsExactly(new MailAttachment("data.bin", "application/octet-stream", 100, sha256(expected), false));
    }

    @Test
    void reports_an_attachment_that_cannot_be_stored_as_a_mapping_failure() throws Exception {
        Path notADirectory = Files.writeString(directory.resolve("occupied"), "a file where the store should be");
        MailMessageMapper mapper = new MailMessageMapper(new AttachmentStore(notADirectory));

        assertThatThrownBy(() -> mapper.map(SOURCE, resource("mixed-with-attachments.eml")))
                .isInstanceOf(MailMappingException.class)
                .hasMessageStartingWith("cannot map message uid 42 of account 'support' mailbox 'INBOX': "
                        + "cannot store attachment 'logo.png' (image/png)")
                .hasCauseInstanceOf(IOException.class);
    }
}
