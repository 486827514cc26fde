package io.mailbridge.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns bytes into text by a declared MIME charset, falling back sensibly when it is missing, unknown or wrong.
 *
 * <p>Aliases follow what mail clients actually send (and what the WHATWG encoding standard maps them to):
 * ISO-8859-1 is read as windows-1252, ks_c_5601-1987 and EUC-KR as windows-949, Shift_JIS as windows-31j,
 * UTF-7 by {@link Utf7}. Without a usable label (none, US-ASCII, unknown, unsupported) the bytes are read as UTF-8
 * when they are valid UTF-8, else as windows-1252; so are Latin-1 labelled bytes that are valid UTF-8, the most
 * common mislabel. Bytes that do not fit another declared charset are read as UTF-8 when valid, otherwise with
 * replacement characters. Decoding never throws.
 */
final class Charsets {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("latin-1", "windows-1252"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601-1989", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("ksc5601", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("iso-8859-8-e", "ISO-8859-8"),
            Map.entry("iso-8859-6-i", "ISO-8859-6"),
            Map.entry("iso-8859-6-e", "ISO-8859-6"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("gb2312", "GBK"),
            Map.entry("x-gbk", "GBK"),
            Map.entry("windows-874", "x-windows-874"),
            Map.entry("macintosh", "x-MacRoman"),
            Map.entry("x-mac-roman", "x-MacRoman"));

    private static final Set<String> UNLABELLED = Set.of(
            "", "us-ascii", "ascii", "us", "ansi_x3.4-1968", "x-unknown", "unknown", "none", "default");

    private static final Set<String> UTF_7 = Set.of("utf-7", "utf7", "x-utf-7", "unicode-1-1-utf-7");

    private Charsets() {
    }

    static String decode(byte[] bytes, String declared) {
        String label = label(declared);
        if (UTF_7.contains(label)) {
            return Utf7.decode(bytes);
        }
        Charset charset = lookup(label);
        if (charset == null || charset.equals(WINDOWS_1252) && isUtf8(bytes)) {
            return guess(bytes);
        }
        try {
            return strict(bytes, charset);
        } catch (CharacterCodingException mislabelled) {
            if (charset.equals(StandardCharsets.UTF_8)) {
                return new String(bytes, WINDOWS_1252);
            }
            return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, charset);
        }
    }

    static String guess(byte[] bytes) {
        return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, WINDOWS_1252);
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            strict(bytes, StandardCharsets.UTF_8);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String label(String declared) {
        if (declared == null) {
            return "";
        }
        String label = declared.strip().toLowerCase(Locale.ROOT);
        if (label.length() > 1 && label.startsWith("\"") && label.endsWith("\"")) {
            label = label.substring(1, label.length() - 1).strip();
        }
        return label;
    }

    private static Charset lookup(String label) {
        if (UNLABELLED.contains(label)) {
            return null;
        }
        try {
            Charset charset = Charset.forName(ALIASES.getOrDefault(label, label));
            return charset.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : charset;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static String strict(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
