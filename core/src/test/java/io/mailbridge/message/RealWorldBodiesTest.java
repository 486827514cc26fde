package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RealWorldBodiesTest {

    @TempDir
    Path attachments;

    private MailMessage map(String file) throws Exception {
        return RealWorldCorpus.map(file, new AttachmentStore(attachments));
    }

    @Test
    void decodes_japanese_bodies_in_utf8_iso_2022_jp_and_shift_jis() throws Exception {
        assertThat(map("multi_charset/japanese.eml").text()).startsWith("かきくえこ\n\n-- \n");
        assertThat(map("multi_charset/japanese_iso_2022.eml").text()).isEqualTo("すみません。\r\n\r\n");
        assertThat(map("multi_charset/japanese_shift_jis.eml").text())
                .isEqualTo("あいうえお\r\n\r\nこのメールはテスト用のメールです。\r\n\r\n今後ともよろしくお願い申し上げます！\r\n");
    }

    @Test
    void decodes_korean_bodies_labelled_ks_c_5601_1987_and_euc_kr() throws Exception {
        assertThat(map("multi_charset/ks_c_5601-1987.eml").text()).isEqualTo("스티해\r\n");
        assertThat(map("plain_emails/raw_email.eml").text()).isEqualTo("대부분의 마찬가지로, 우리는 하나님을 믿습니다.\r\n\r\n제 이름은 Jamis입니다.");
    }

    @Test
    void reads_an_unknown_charset_label_by_the_bytes() throws Exception {
        assertThat(map("plain_emails/raw_email10.eml").text()).contains("Envoyé par le service de messagerie texte de Bell Mobilité.");
    }

    @Test
    void reads_utf8_mislabelled_as_latin1_as_utf8() throws Exception {
        assertThat(map("error_emails/content_transfer_encoding_7-bit.eml").text()).startsWith("DISCOVERÆ CARD");
    }

    @Test
    void decodes_quoted_printable_whatever_its_spelling() throws Exception {
        assertThat(map("error_emails/content_transfer_encoding_qp_with_space.eml").html())
                .contains("we are your answer.<br>", "<a href=\"http://magyar8stator.com/26\">");
        assertThat(map("error_emails/content_transfer_encoding_with_semi_colon.eml").html())
                .doesNotContain("=3D").contains("<html");
    }

    @Test
    void passes_unknown_transfer_encodings_through_as_raw_bytes() throws Exception {
        assertThat(map("error_emails/content_transfer_encoding_plain.eml").text()).startsWith("acidness\r\n");
        assertThat(map("error_emails/content_transfer_encoding_text-html.eml").html()).startsWith("Hello,<p>");
        assertThat(map("error_emails/content_transfer_encoding_with_8bits.eml").html()).startsWith("<html>");
        assertThat(map("error_emails/content_transfer_encoding_empty.eml").html()).startsWith("<html>");
    }

    @Test
    void splits_multiparts_with_illegal_or_similar_boundaries() throws Exception {
        MailMessage illegal = map("mime_emails/raw_email_with_illegal_boundary.eml");
        assertThat(illegal.text()).isEqualTo("Hello\r\nThis is an outlook test\r\n\r\nSo there.\r\n\r\nMe.\r\n");
        assertThat(illegal.html()).contains("<DIV><FONT face=Arial size=2>Hello</FONT></DIV>");

        MailMessage similar = map("mime_emails/email_with_similar_boundaries.eml");
        assertThat(similar.text()).isEqualTo("Test\r\n");
        assertThat(similar.html()).contains("<p>Test</p>");
    }

    @Test
    void takes_the_first_of_two_content_types() throws Exception {
        MailMessage message = map("error_emails/multiple_content_types.eml");

        assertThat(message.text()).isEqualTo("foo\r\n");
        assertThat(message.html()).isEqualTo("<p>foo</p>\r\n");
    }

    @Test
    void maps_a_multipart_without_body_to_a_message_without_text() throws Exception {
        MailMessage message = map("error_emails/missing_body.eml");

        assertThat(message.subject()).isEqualTo("REDACTED");
        assertThat(message.text()).isNull();
        assertThat(message.attachments()).isEmpty();
    }
}
