package io.mailbridge.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class CharsetsTest {

    private static byte[] hex(String bytes) {
        return HexFormat.of().parseHex(bytes);
    }

    @Test
    void reads_ks_c_5601_1987_as_korean() {
        assertThat(Charsets.decode(hex("bdbac6bcc7d8"), "ks_c_5601-1987")).isEqualTo("스티해");
    }

    @Test
    void understands_common_sloppy_labels() {
        assertThat(Charsets.decode("Grüße".getBytes(StandardCharsets.UTF_8), "utf8")).isEqualTo("Grüße");
        assertThat(Charsets.decode(hex("47 72 fc df 65".replace(" ", "")), "latin1")).isEqualTo("Grüße");
        assertThat(Charsets.decode(hex("e0e1"), "iso-8859-8-i")).isEqualTo("אב");
        assertThat(Charsets.decode(hex("80"), "\"ISO-8859-1\"")).isEqualTo("€");
    }

    @Test
    void decodes_utf7() {
        assertThat(Charsets.decode("Hi Mom -+Jjo--! A+ImIDkQ. 1 +- 1".getBytes(StandardCharsets.US_ASCII),
                "unicode-1-1-utf-7")).isEqualTo("Hi Mom -☺-! A≢Α. 1 + 1");
    }

    @Test
    void reads_unknown_labels_as_utf8_when_the_bytes_are_valid_utf8() {
        assertThat(Charsets.decode("Grüße".getBytes(StandardCharsets.UTF_8), "x-klingon")).isEqualTo("Grüße");
        assertThat(Charsets.decode("Grüße".getBytes(StandardCharsets.UTF_8), null)).isEqualTo("Grüße");
    }

    @Test
    void reads_unknown_labels_as_windows_1252_when_the_bytes_are_not_utf8() {
        assertThat(Charsets.decode(hex("436166e9"), "x-klingon")).isEqualTo("Café");
        assertThat(Charsets.decode(hex("436166e9"), "us-ascii")).isEqualTo("Café");
    }

    @Test
    void reads_utf8_labelled_bytes_that_are_not_utf8_as_windows_1252() {
        assertThat(Charsets.decode(hex("436166e9"), "UTF-8")).isEqualTo("Café");
    }

    @Test
    void reads_latin1_labelled_bytes_that_are_valid_utf8_as_utf8() {
        assertThat(Charsets.decode("Café".getBytes(StandardCharsets.UTF_8), "iso-8859-1")).isEqualTo("Café");
    }
}
