package io.mailbridge.message;

/** Decodes UTF-7 (RFC 2152), which Java has no charset for but old mail clients still send. */
final class Utf7 {

    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Utf7() {
    }

    static String decode(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            char c = (char) (bytes[i++] & 0xff);
            if (c != '+') {
                text.append(c);
            } else if (i < bytes.length && bytes[i] == '-') {
                text.append('+');
                i++;
            } else {
                i = decodeShifted(bytes, i, text);
            }
        }
        return text.toString();
    }

    private static int decodeShifted(byte[] bytes, int start, StringBuilder text) {
        int buffer = 0;
        int bits = 0;
        int i = start;
        for (; i < bytes.length && BASE64.indexOf(bytes[i]) >= 0; i++) {
            buffer = (buffer << 6) | BASE64.indexOf(bytes[i]);
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                text.append((char) ((buffer >> bits) & 0xffff));
                buffer &= (1 << bits) - 1;
            }
        }
        return i < bytes.length && bytes[i] == '-' ? i + 1 : i;
    }
}
