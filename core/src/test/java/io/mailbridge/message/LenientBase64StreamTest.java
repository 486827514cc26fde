package io.mailbridge.message;

import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LenientBase64StreamTest {

    private static final String NOISE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/====\r\n\r\n \t.-_*\u00ff\u0080";

    @Test
    void decodes_clean_base64_to_the_original_bytes() throws IOException {
        byte[] original = new byte[100_000];
        new Random(7).nextBytes(original);
        byte[] encoded = Base64.getMimeEncoder().encode(original);

        assertThat(new LenientBase64Stream(new ByteArrayInputStream(encoded)).readAllBytes()).isEqualTo(original);
    }

    @Test
    void reads_exactly_what_angus_reads_ignoring_errors_for_any_input_and_any_read_sizes() throws IOException {
        Random random = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            byte[] input = randomInput(random);
            long seed = random.nextLong();
            assertThat(readInPieces(new LenientBase64Stream(new ByteArrayInputStream(input)), new Random(seed)))
                    .as("input %s", new String(input, StandardCharsets.ISO_8859_1))
                    .isEqualTo(readInPieces(new BASE64DecoderStream(new ByteArrayInputStream(input), true), new Random(seed)));
        }
    }

    private static byte[] randomInput(Random random) {
        byte[] clean = Base64.getMimeEncoder().encode(new byte[random.nextInt(300)]);
        byte[] input = new byte[clean.length + random.nextInt(20)];
        for (int i = 0; i < input.length; i++) {
            boolean noise = i >= clean.length || random.nextInt(25) == 0;
            input[i] = noise ? (byte) NOISE.charAt(random.nextInt(NOISE.length())) : clean[i];
        }
        return input;
    }

    /** Every read's result in order, -1s included, with reads of random sizes and single-byte reads mixed in. */
    private static String readInPieces(InputStream in, Random random) throws IOException {
        StringBuilder results = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int ends = 0; ends < 3; ) {
            if (random.nextInt(4) == 0) {
                int c = in.read();
                results.append(c).append(',');
                ends += c == -1 ? 1 : 0;
            } else {
                byte[] buffer = new byte[1 + random.nextInt(40)];
                int n = in.read(buffer, 0, buffer.length);
                results.append('[').append(n).append(']');
                if (n > 0) {
                    bytes.write(buffer, 0, n);
                }
                ends += n == -1 ? 1 : 0;
            }
        }
        return results + " " + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
