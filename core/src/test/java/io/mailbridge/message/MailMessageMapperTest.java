package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.mailbridge.message.MailFixtures.SOURCE;
import static io.mailbridge.message.MailFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

class MailMessageMapperTest {

    @TempDir
    Path attachments;

    private MailMessage map(String fixture) throws Exception {
        return new MailMessageMapper(new AttachmentStore(attachments)).map(SOURCE, resource(fixture));
    }

    @Test
    void maps_the_headers_and_text_of_a_plain_message() throws Exception {
        MailMessage message = map("plain-text.eml");

        assertThat(message.messageId()).isEqualTo("<plain-1@example.org>");
        assertThat(message.subject()).isEqualTo("Quarterly numbers");
        assertThat(message.from()).isEqualTo(new MailAddress("Alice Example", "alice@example.org"));
        assertThat(message.to()).containsExactly(
                new MailAddress("Bob", "bob@example.net"), new MailAddress(null, "carol@example.net"));
        assertThat(message.cc()).containsExactly(new MailAddress("Dave, the Boss", "dave@example.com"));
        assertThat(message.replyTo()).containsExactly(new MailAddress(null, "replies@example.org"));
        assertThat(message.date()).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(message.text()).isEqualTo("Hi Bob,\r\n\r\nthe numbers are in.\r\n-- \r\nAlice\r\n");
        assertThat(message.html()).isNull();
        assertThat(message.attachments()).isEmpty();
    }

    @Test
    void takes_account_mailbox_uid_size_and_received_time_from_the_source() throws Exception {
        MailMessage message = map("plain-text.eml");

        assertThat(message.account()).isEqualTo("support");
        assertThat(message.mailbox()).isEqualTo("INBOX");
        assertThat(message.uid()).isEqualTo(42);
        assertThat(message.uidValidity()).isEqualTo(7);
        assertThat(message.receivedAt()).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(message.size()).isEqualTo(1234);
    }

    @Test
    void takes_text_and_html_from_a_multipart_alternative_in_any_order() throws Exception {
        MailMessage message = map("alternative.eml");

        assertThat(message.text())
                .isEqualTo("Grüße aus Köln, this line is long enough to need a soft line break.");
        assertThat(message.html()).isEqualTo("<p>Grüße aus <b>Köln</b></p>\r\n");
        assertThat(message.attachments()).isEmpty();
    }

    @Test
    void leaves_missing_subject_date_and_message_id_null_and_recipients_empty() throws Exception {
        MailMessage message = map("missing-headers.eml");

        assertThat(message.subject()).isNull();
        assertThat(message.date()).isNull();
        assertThat(message.messageId()).isNull();
        assertThat(message.from()).isEqualTo(new MailAddress(null, "alice@example.org"));
        assertThat(message.to()).isEmpty();
        assertThat(message.cc()).isEmpty();
        assertThat(message.replyTo()).isEmpty();
        assertThat(message.text()).isEqualTo("No subject, no date, no id, no recipients.\r\n");
    }

    @Test
    void decodes_rfc2047_subjects_including_words_glued_to_text() throws Exception {
        assertThat(map("encoded-headers.eml").subject()).isEqualTo("Grüße aus Köln, Cafés und Zürich €");
    }

    @Test
    void decodes_rfc2047_display_names_in_every_address_header() throws Exception {
        MailMessage message = map("encoded-headers.eml");

        assertThat(message.from()).isEqualTo(new MailAddress("André Müller", "andre@example.de"));
        assertThat(message.to()).containsExactly(
                new MailAddress("山田太郎", "taro@example.jp"), new MailAddress("Zoë", "zoe@example.com"));
        assertThat(message.cc()).containsExactly(new MailAddress("Team München", "muenchen@example.de"));
        assertThat(message.replyTo()).containsExactly(new MailAddress("François", "francois@example.fr"));
    }

    @Test
    void decodes_a_latin1_body_with_the_windows_1252_extensions() throws Exception {
        assertThat(map("latin1-body.eml").text()).isEqualTo("Grüße aus Köln\r\nPreis: 5 €\r\n");
    }

    @Test
    void reads_unknown_charsets_as_utf8_when_valid_and_as_windows_1252_otherwise() throws Exception {
        MailMessage message = map("unknown-charset.eml");

        assertThat(message.text()).isEqualTo("Grüße");
        assertThat(message.html()).isEqualTo("<p>Café</p>");
    }

    @Test
    void decodes_bad_base64_text_as_far_as_it_goes() throws Exception {
        assertThat(map("bad-base64.eml").text()).isEqualTo("Hello, world!");
    }
}
