package io.mailbridge.message;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A structured MIME header ({@code Content-Type}, {@code Content-Disposition}) read leniently: its value and its
 * parameters, with RFC 2231 continuations joined and decoded by {@link Rfc2231}.
 *
 * <p>Unlike Jakarta Mail's {@code ParameterList} it never rejects a header: unquoted values may contain specials
 * and spaces ({@code boundary=----=_Part_1}, {@code name=My file.txt}), stray tokens are skipped.
 */
final class HeaderParameters {

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
        return new HeaderParameters(text.substring(0, end), Rfc2231.join(rawParameters(text, end), fallbackCharset));
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
}
