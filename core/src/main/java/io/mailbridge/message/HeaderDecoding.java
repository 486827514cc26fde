package io.mailbridge.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes header text leniently: raw 8-bit bytes and RFC 2047 encoded words, including sloppy ones.
 *
 * <p>Encoded words are found anywhere, also without surrounding whitespace or in the middle of a word; whitespace
 * between two encoded words is dropped, and adjacent words in one charset are joined before decoding so a
 * character split across words survives. Bad base64 is decoded as far as it goes; unknown charsets fall back as in
 * {@link Charsets}.
 */
final class HeaderDecoding {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?]*)\\?=");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\r\\n]");

    private HeaderDecoding() {
    }

    /** The header value unfolded, 8-bit repaired and RFC 2047 decoded; {@code null} stays {@code null}. */
    static String decodeText(String raw, String fallbackCharset) {
        if (raw == null) {
            return null;
        }
        String text = repair8bit(unfold(raw), fallbackCharset);
        Matcher word = ENCODED_WORD.matcher(text);
        StringBuilder decoded = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (word.find()) {
            String between = text.substring(last, word.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = word.group(1).replaceFirst("\\*.*", "");
            if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
                flush(pending, pendingCharset, decoded);
                if (!adjacent) {
                    decoded.append(between);
                }
            }
            pendingCharset = charset;
            pending.writeBytes(wordBytes(word.group(2), word.group(3)));
            last = word.end();
        }
        flush(pending, pendingCharset, decoded);
        return decoded.append(text, last, text.length()).toString();
    }

    /**
     * The header value on one line: {@code MimeUtility.unfold}, then a space for each line break it keeps. Done here in
     * linear time because {@code MimeUtility.unfold} copies the rest of the value at every fold, so a header folded
     * 100,000 times (a long recipient list) took minutes.
     */
    static String unfold(String raw) {
        if (raw.indexOf('\r') < 0 && raw.indexOf('\n') < 0) {
            return raw;
        }
        StringBuilder unfolded = new StringBuilder(raw.length());
        int lineStart = 0;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '\r' && c != '\n') {
                unfolded.append(c);
                i++;
                continue;
            }
            int next = c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            if (i > lineStart && raw.charAt(i - 1) == '\\') {
                // MimeUtility's rule: a backslash escapes the line break, so the backslash goes and the break stays
                unfolded.setLength(unfolded.length() - 1);
                unfolded.append(raw, i, next);
            } else if (next < raw.length() && raw.charAt(next) != ' ' && raw.charAt(next) != '\t') {
                unfolded.append(raw, i, next);
            }
            lineStart = next;
            i = next;
        }
        return LINE_BREAK.matcher(unfolded).replaceAll(" ");
    }

    /**
     * Reads characters that are really raw header bytes (all below U+0100, some above U+007F) as UTF-8 when they
     * are valid UTF-8, else in {@code fallbackCharset} (the message's declared charset, when there is one).
     */
    static String repair8bit(String value, String fallbackCharset) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            eightBit |= c > 0x7f;
        }
        if (!eightBit) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return Charsets.isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : Charsets.decode(bytes, fallbackCharset);
    }

    private static void flush(ByteArrayOutputStream pending, String charset, StringBuilder decoded) {
        if (pending.size() > 0) {
            decoded.append(Charsets.decode(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static byte[] wordBytes(String encoding, String text) {
        return encoding.toLowerCase(Locale.ROOT).equals("b") ? base64(text) : quotedPrintable(text);
    }

    private static byte[] base64(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
        if (clean.length() % 4 == 1) {
            clean = clean.substring(0, clean.length() - 1);
        }
        return Base64.getDecoder().decode(clean + "==".substring(0, (4 - clean.length() % 4) % 4));
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=' && isHex(text, i + 1) && isHex(text, i + 2)) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }
}
