package io.mailbridge.message;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Parses address headers leniently into {@link MailAddress}es with decoded display names.
 *
 * <p>Groups are flattened into their members, comments and obsolete source routes are dropped from addresses, and
 * whitespace around their dots is closed up. Where Jakarta Mail returns something that is not one address
 * ({@code Big Bug bb@bug.com}, {@code a@x.com b@x.com}) or rejects the header, the {@code local@domain} strings
 * found in it are used instead, so one bad header never fails the message. Entries without a local part are skipped.
 */
final class MailAddresses {

    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");
    private static final Pattern SPACED_DOTS =
            Pattern.compile("[^\\s@.]+(?:\\s*\\.\\s*[^\\s@.]+)*\\s*@\\s*[^\\s@.]+(?:\\s*\\.\\s*[^\\s@.]+)*");

    private MailAddresses() {
    }

    static List<MailAddress> parse(String header, String fallbackCharset) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        String value = HeaderDecoding.repair8bit(HeaderDecoding.unfold(header), fallbackCharset);
        List<MailAddress> addresses = new ArrayList<>();
        try {
            addAll(InternetAddress.parseHeader(value, false), addresses, fallbackCharset);
        } catch (AddressException wholeHeader) {
            addresses.clear();
            for (String piece : value.split(",")) {
                try {
                    addAll(InternetAddress.parseHeader(piece, false), addresses, fallbackCharset);
                } catch (AddressException onePiece) {
                    add(null, piece, addresses);
                }
            }
        }
        return addresses;
    }

    private static void addAll(InternetAddress[] parsed, List<MailAddress> addresses, String fallbackCharset)
            throws AddressException {
        for (InternetAddress address : parsed) {
            if (address.isGroup()) {
                addAll(address.getGroup(false), addresses, fallbackCharset);
            } else {
                add(name(address, fallbackCharset), address.getAddress(), addresses);
            }
        }
    }

    private static void add(String name, String parsedAddress, List<MailAddress> addresses) {
        String address = withoutComments(parsedAddress == null ? "" : parsedAddress).strip();
        if (address.startsWith("@") && address.indexOf(':') > 0) {
            address = address.substring(address.lastIndexOf(':') + 1).strip();
        }
        if (SPACED_DOTS.matcher(address).matches()) {
            address = address.replaceAll("\\s+", "");
        }
        if (address.isEmpty() || address.startsWith("@")) {
            return;
        }
        if (address.chars().noneMatch(Character::isWhitespace)) {
            addresses.add(new MailAddress(name, address));
            return;
        }
        List<String> found = BARE_ADDRESS.matcher(address).results().map(MatchResult::group).toList();
        String rest = BARE_ADDRESS.matcher(address).replaceAll("").replaceAll("[<>\"]", "").strip();
        String restAsName = found.size() == 1 && !rest.isEmpty() ? rest : null;
        found.forEach(bare -> addresses.add(new MailAddress(name != null ? name : restAsName, bare)));
    }

    private static String name(InternetAddress address, String fallbackCharset) {
        String personal = address.getPersonal();
        if (personal == null) {
            return null;
        }
        String decoded = HeaderDecoding.decodeText(personal, fallbackCharset).strip();
        return decoded.isEmpty() ? null : decoded;
    }

    private static String withoutComments(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depth > 0 && c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
