package io.mailbridge.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structured MIME header ({@code Content-Type}, {@code Content-Disposition}) read leniently: its value and its
 * parameters, with RFC 2231 continuations joined and their charsets decoded.
 *
 * <p>Unlike Jakarta Mail's {@code ParameterList} it never rejects a header: unquoted values may contain specials
 * and spaces ({@code boundary=----=_Part_1}, {@code name=My file.txt}), stray tokens are skipped.
 */
final class HeaderParameters {

    private static final Pattern EXTENDED_NAME = Pattern.compile("(.+?)\\*(?:(\\d{1,9})(\\*)?)?");

    private final String value;
    private final Map<String, String> parameters;

    private HeaderParameters(String value, Map<String, String> parameters) {
        this.value = value;
        this.parameters = parameters;
    }

    static HeaderParameters parse(String header, String fallbackCharset) {
        String text = header == null ? "" : HeaderDecoding.unfold(header).strip();
        int end = 0;
        while (end < text.length() && text.charAt(end) != ';' && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return new HeaderParameters(text.substring(0, end), joinExtended(rawParameters(text, end), fallbackCharset));
    }

    /** The value before the parameters, as written. */
    String value() {
        return value;
    }

    /** A parameter by case-insensitive name, unquoted and RFC 2231 decoded; {@code null} when absent. */
    String get(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, String> rawParameters(String text, int start) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = start;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            int semicolon = text.indexOf(';', i);
            if (equals < 0) {
                break;
            }
            if (semicolon >= 0 && semicolon < equals) {
                i = semicolon + 1;
                continue;
            }
            String[] words = text.substring(i, equals).strip().split("\\s+");
            String name = words[words.length - 1].toLowerCase(Locale.ROOT);
            i = equals + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder parameterValue = new StringBuilder();
            i = i < text.length() && text.charAt(i) == '"' ? quoted(text, i + 1, parameterValue) : token(text, i, parameterValue);
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, parameterValue.toString());
            }
        }
        return parameters;
    }

    /** A quoted string; a backslash escapes only quote and backslash, as Windows paths arrive unescaped. */
    private static int quoted(String text, int start, StringBuilder value) {
        int i = start;
        for (; i < text.length() && text.charAt(i) != '"'; i++) {
            if (text.charAt(i) == '\\' && i + 1 < text.length() && "\"\\".indexOf(text.charAt(i + 1)) >= 0) {
                i++;
            }
            value.append(text.charAt(i));
        }
        int semicolon = text.indexOf(';', i);
        return semicolon < 0 ? text.length() : semicolon + 1;
    }

    private static int token(String text, int start, StringBuilder value) {
        int semicolon = text.indexOf(';', start);
        int end = semicolon < 0 ? text.length() : semicolon;
        value.append(text.substring(start, end).strip());
        return end + 1;
    }

    private static Map<String, String> joinExtended(Map<String, String> raw, String fallbackCharset) {
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
