package io.mailbridge.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins RFC 2231 parameter sections ({@code name*0*=utf-8''a%20b; name*1=c}) into one decoded value each.
 *
 * <p>The charset comes from the first section; without one the message's charset is assumed. An extended value
 * wins over a plain parameter of the same name, as RFC 2231 intends for old and new readers.
 */
final class Rfc2231 {

    private static final Pattern EXTENDED_NAME = Pattern.compile("(.+?)\\*(?:(\\d{1,9})(\\*)?)?");

    private Rfc2231() {
    }

    /** The parameters with every extended one decoded and joined under its plain name. */
    static Map<String, String> join(Map<String, String> raw, String fallbackCharset) {
        Map<String, TreeMap<Integer, Section>> extended = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            Matcher section = EXTENDED_NAME.matcher(name);
            if (section.matches()) {
                boolean encoded = section.group(2) == null || section.group(3) != null;
                int index = section.group(2) == null ? 0 : Integer.parseInt(section.group(2));
                extended.computeIfAbsent(section.group(1), key -> new TreeMap<>())
                        .putIfAbsent(index, new Section(encoded, value));
            } else {
                parameters.putIfAbsent(name, value);
            }
        });
        extended.forEach((name, sections) -> parameters.put(name, decode(sections.values(), fallbackCharset)));
        return parameters;
    }

    private static String decode(Iterable<Section> sections, String fallbackCharset) {
        String charset = fallbackCharset;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Section section : sections) {
            String value = section.value();
            int firstQuote = value.indexOf('\'');
            int secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
            if (section.encoded() && bytes.size() == 0 && secondQuote > 0) {
                charset = firstQuote > 0 ? value.substring(0, firstQuote) : fallbackCharset;
                value = value.substring(secondQuote + 1);
            }
            bytes.writeBytes(section.encoded() ? percentDecoded(value) : rawBytes(value));
        }
        return Charsets.decode(bytes.toByteArray(), charset);
    }

    private static byte[] percentDecoded(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '%' && isHex(value, i + 1) && isHex(value, i + 2)) {
                bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(rawBytes(value.substring(i, i + 1)));
            }
        }
        return bytes.toByteArray();
    }

    /** Header characters as the bytes they came from: a session without UTF-8 headers reads each byte as one char. */
    private static byte[] rawBytes(String value) {
        boolean singleBytes = value.chars().allMatch(c -> c <= 0xff);
        return value.getBytes(singleBytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }

    private record Section(boolean encoded, String value) {
    }
}
