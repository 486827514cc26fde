package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.mailbridge.message.MailFixtures.sha256;
import static io.mailbridge.message.MailFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RealWorldAttachmentsTest {

    @TempDir
    Path directory;

    private MailMessage map(String file) throws Exception {
        return RealWorldCorpus.map(file, new AttachmentStore(directory));
    }

    private static String fileName(MailMessage message) {
        assertThat(message.attachments()).hasSize(1);
        return message.attachments().get(0).fileName();
    }

    @Test
    void decodes_encoded_word_rfc2231_and_raw_utf8_file_names() throws Exception {
        assertThat(fileName(map("attachment_emails/attachment_with_base64_encoded_name.eml"))).isEqualTo("This is a test.pdf");
        assertThat(fileName(map("attachment_emails/attachment_with_quoted_filename.eml"))).isEqualTo("Eelanalüüsi päring.jpg");
        assertThat(fileName(map("attachment_emails/attachment_nonascii_filename.eml"))).isEqualTo("ciële.txt");
        assertThat(fileName(map("attachment_emails/attachment_with_unquoted_name.eml"))).isEqualTo("This is a test.txt");
        assertThat(fileName(map("multi_charset/japanese_attachment.eml"))).isEqualTo("てすと.txt");
    }

    @Test
    void joins_rfc2231_continuations_of_a_long_japanese_file_name() throws Exception {
        MailMessage message = map("multi_charset/japanese_attachment_long_name.eml");

        assertThat(fileName(message)).isEqualTo("かきくけこ".repeat(5) + ".txt");
        assertThat(message.text()).isNull();
    }

    @Test
    void keeps_what_decodes_of_a_file_name_with_bytes_invalid_in_its_charset() throws Exception {
        assertThat(fileName(map("attachment_emails/attachment_with_encoded_name.eml")))
                .startsWith("01 Quien Te Dij").endsWith("at. Pitbull.mp3");
    }

    @Test
    void prefers_the_disposition_file_name_and_stores_the_decoded_bytes() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        MailMessage message = RealWorldCorpus.map(RealWorldCorpus.ROOT.resolve(
                "attachment_emails/attachment_content_disposition.eml"), store);
        byte[] script = "puts \"Hello, world!\"\r\ngets\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(message.attachments()).containsExactly(
                new MailAttachment("api.rb", "text/x-ruby-script", script.length, sha256(script), false));
        assertThat(stored(store, sha256(script))).isEqualTo(script);
    }

    @Test
    void stores_a_japanese_text_attachment_by_its_decoded_bytes() throws Exception {
        byte[] text = "this is a test\nこれわてすと".getBytes(StandardCharsets.UTF_8);

        assertThat(map("multi_charset/japanese_attachment.eml").attachments()).singleElement()
                .extracting(MailAttachment::size, MailAttachment::sha256)
                .containsExactly((long) text.length, sha256(text));
    }

    @Test
    void stores_a_base64_pdf_as_the_pdf() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        MailMessage message = RealWorldCorpus.map(RealWorldCorpus.ROOT.resolve("attachment_emails/attachment_pdf.eml"), store);
        MailAttachment pdf = message.attachments().get(0);

        assertThat(pdf).extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::size)
                .containsExactly("broken.pdf", "application/pdf", 1026L);
        assertThat(new String(stored(store, pdf.sha256()), StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
    }

    @Test
    void keeps_attached_messages_whole_and_inline_images_inline() throws Exception {
        MailMessage message = map("attachment_emails/attachment_message_rfc822_inline_image.eml");

        assertThat(message.text()).isNull();
        assertThat(message.html()).contains("cid:emedfeb92f-a786-4718-a446-98db8afb53fb@kronos");
        assertThat(message.attachments())
                .extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::size, MailAttachment::inline)
                .containsExactly(tuple("img.png", "image/png", 370L, true), tuple("Testmail.eml", "message/rfc822", 1851L, false));
    }

    @Test
    void maps_a_message_that_is_only_an_attachment() throws Exception {
        MailMessage message = map("attachment_emails/attachment_only_email.eml");

        assertThat(message.text()).isNull();
        assertThat(message.attachments()).extracting(MailAttachment::fileName, MailAttachment::contentType)
                .containsExactly(tuple("blah.gz", "application/x-gzip"));
    }

    @Test
    void treats_signatures_images_and_delivery_reports_as_attachments() throws Exception {
        assertThat(map("mime_emails/raw_email_with_nested_attachment.eml").attachments())
                .extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::inline)
                .containsExactly(tuple("truncated.png", "image/png", true),
                        tuple("smime.p7s", "application/pkcs7-signature", false));
        assertThat(map("multipart_report_emails/report_422.eml").attachments())
                .extracting(MailAttachment::fileName, MailAttachment::contentType)
                .containsExactly(tuple(null, "message/delivery-status"));
    }

    @Test
    void stores_an_empty_uuencoded_attachment_as_empty() throws Exception {
        assertThat(map("error_emails/content_transfer_encoding_x_uuencode.eml").attachments())
                .extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::size)
                .containsExactly(tuple("PGP_Cmts_on_12-14-01_Pkg.doc", "application/msword", 0L));
    }
}
