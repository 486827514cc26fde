package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RealWorldHeadersTest {

    @TempDir
    Path attachments;

    private MailMessage map(String file) throws Exception {
        return RealWorldCorpus.map(file, new AttachmentStore(attachments));
    }

    @Test
    void decodes_a_japanese_utf8_subject_and_display_name() throws Exception {
        MailMessage message = map("multi_charset/japanese.eml");

        assertThat(message.subject()).isEqualTo("まみむめも");
        assertThat(message.to()).containsExactly(new MailAddress("みける", "raasdnil@gmail.com"));
    }

    @Test
    void joins_a_japanese_subject_split_over_many_encoded_words() throws Exception {
        assertThat(map("multi_charset/japanese_attachment_long_name.eml").subject()).isEqualTo("まみむめも".repeat(10));
    }

    @Test
    void decodes_iso_2022_jp_encoded_words_after_folded_whitespace() throws Exception {
        assertThat(map("rfc2822/example14.eml").subject()).isEqualTo("Re: TEST \tテストテスト");
    }

    @Test
    void decodes_euc_kr_and_partially_encoded_subjects() throws Exception {
        assertThat(map("plain_emails/raw_email.eml").subject()).isEqualTo("NOTE: 한국말로 하는 것");
        assertThat(map("plain_emails/raw_email_with_partially_quoted_subject.eml").subject())
                .isEqualTo("Re: Test: \"漢字\" mid \"漢字\" tail");
    }

    @Test
    void reads_raw_8bit_headers_as_utf8_or_windows_1252() throws Exception {
        assertThat(map("attachment_emails/attachment_pdf.eml").subject())
                .isEqualTo("Another PDF with 🎉 Unicode chars in it 🍿");
        assertThat(map("error_emails/invalid_subject_characters.eml").subject())
                .isEqualTo("Formação FrenetikPolis: Mega Campanha Final Verão | Cursos de Setembro");
        assertThat(map("error_emails/trademark_character_in_subject.eml").subject())
                .isEqualTo("GA.comô has a lead for you");
    }

    @Test
    void decodes_display_names_made_of_several_encoded_words_or_quoted_encoded_words() throws Exception {
        assertThat(map("error_emails/bad_subject.eml").from())
                .isEqualTo(new MailAddress("MySurvey.com & Carol Adams", "carol@mysurvey.com"));
        assertThat(map("error_emails/invalid_subject_characters.eml").from())
                .isEqualTo(new MailAddress("Formação Frenetikpolis", "info@formacaofrenetik.info"));
        assertThat(map("error_emails/header_fields_with_empty_values.eml").from())
                .isEqualTo(new MailAddress("Jørn Støylen", "jorn@prikkprikkprikk.no"));
    }

    @Test
    void reads_utf8_addresses_of_rfc_6532() throws Exception {
        MailMessage message = map("rfc6532/utf8_headers.eml");

        assertThat(message.from()).isEqualTo(new MailAddress("Jöhn Doe", "jdöe@mächine.example"));
        assertThat(message.subject()).isEqualTo("Säying Hello");
    }

    @Test
    void flattens_groups_and_drops_empty_ones() throws Exception {
        MailMessage message = map("rfc2822/example04.eml");

        assertThat(message.to()).containsExactly(new MailAddress("Chris Jones", "c@a.test"),
                new MailAddress(null, "joe@where.test"), new MailAddress("John", "jdoe@one.test"));
        assertThat(message.cc()).isEmpty();
        assertThat(map("error_emails/empty_group_lists.eml").to()).isEmpty();
    }

    @Test
    void cleans_comments_routes_and_spaced_dots_out_of_obsolete_addresses() throws Exception {
        assertThat(map("rfc2822/example10.eml").from().address()).isEqualTo("pete@silly.test");
        assertThat(map("rfc2822/example11.eml").to()).containsExactly(
                new MailAddress("Mary Smith", "mary@example.net"), new MailAddress(null, "jdoe@test.example"));
    }

    @Test
    void recovers_addresses_from_headers_that_are_not_address_lists() throws Exception {
        assertThat(map("plain_emails/mix_caps_content_type.eml").from()).isEqualTo(new MailAddress("Big Bug", "bb@bug.com"));
        assertThat(map("plain_emails/raw_email_multiple_from.eml").to()).containsExactly(
                new MailAddress(null, "tim@powerupdev.com"), new MailAddress(null, "concierge@powerupdev.com"));
        assertThat(map("error_emails/weird_to_header.eml").to()).containsExactly(
                new MailAddress(null, "user-example@aol.com"), new MailAddress(null, "e-s-a-s-2200@app.ar.com"));
    }

    @Test
    void keeps_quoted_display_names_with_specials() throws Exception {
        assertThat(map("rfc2822/example03.eml").cc()).containsExactly(new MailAddress(null, "boss@nil.test"),
                new MailAddress("Giant; \"Big\" Box", "sysservices@example.net"));
    }

    @Test
    void parses_dates_with_comments_two_digit_years_and_obsolete_spacing_in_utc() throws Exception {
        assertThat(map("plain_emails/raw_email_string_in_date_field.eml").date())
                .isEqualTo(Instant.parse("2008-09-20T17:04:30Z"));
        assertThat(map("rfc2822/example12.eml").date()).isEqualTo(Instant.parse("1997-11-21T09:55:06Z"));
        assertThat(map("rfc2822/example13.eml").date()).isEqualTo(Instant.parse("1997-11-21T15:55:06Z"));
        assertThat(map("rfc2822/example10.eml").date()).isEqualTo(Instant.parse("1969-02-14T03:02:00Z"));
    }

    @Test
    void leaves_unparseable_dates_null() throws Exception {
        assertThat(map("error_emails/bad_date_header.eml").date()).isNull();
        assertThat(map("error_emails/bad_date_header2.eml").date()).isNull();
        assertThat(map("plain_emails/raw_email_with_bad_date.eml").date()).isNull();
        assertThat(map("error_emails/trademark_character_in_subject.eml").date()).isNull();
    }

    @Test
    void keeps_an_empty_subject_empty_and_a_missing_one_null() throws Exception {
        assertThat(map("error_emails/weird_to_header.eml").subject()).isEmpty();
        assertThat(map("error_emails/content_transfer_encoding_spam.eml").subject()).isNull();
    }
}
