package io.mailbridge.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderDecodingTest {

    private static String decode(String header) {
        return HeaderDecoding.decodeText(header, null);
    }

    @Test
    void decodes_an_encoded_word_in_the_middle_of_a_word() {
        assertThat(decode("Caf=?UTF-8?Q?=C3=A9?=s")).isEqualTo("Cafés");
    }

    @Test
    void joins_a_character_split_across_adjacent_encoded_words() {
        assertThat(decode("=?UTF-8?B?4oI=?=\r\n =?UTF-8?B?rA==?= rates")).isEqualTo("€ rates");
    }

    @Test
    void keeps_whitespace_between_encoded_words_and_plain_text() {
        assertThat(decode("Re: =?ISO-8859-1?Q?K=F6ln?= calling")).isEqualTo("Re: Köln calling");
    }

    @Test
    void decodes_badly_padded_base64_in_an_unknown_charset() {
        assertThat(decode("=?NONE?B?VEVTVA=?=")).isEqualTo("TEST");
    }

    @Test
    void leaves_text_that_only_looks_like_an_encoded_word_alone() {
        assertThat(decode("=?UTF-8?X?abc?= and =? nothing ?=")).isEqualTo("=?UTF-8?X?abc?= and =? nothing ?=");
    }

    @Test
    void reads_raw_8bit_header_bytes_in_the_fallback_charset_when_they_are_not_utf8() {
        String rawBig5 = new String(new byte[] {(byte) 0xa4, (byte) 0xa4, (byte) 0xa4, (byte) 0xe5},
                StandardCharsets.ISO_8859_1);

        assertThat(HeaderDecoding.decodeText(rawBig5, "big5")).isEqualTo("中文");
    }
}
