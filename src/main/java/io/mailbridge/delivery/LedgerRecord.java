package io.mailbridge.delivery;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One line of a ledger file: {@code TYPE mailbox uidValidity uid detail}, tab-separated, the free-text fields
 * URL-encoded so that no tab or newline can break a line.
 */
record LedgerRecord(Type type, String mailbox, long uidValidity, long uid, String detail) {

    enum Type { DELIVERED, FAILED, QUARANTINED, UID_VALIDITY }

    static LedgerRecord delivered(MessageKey key) {
        return new LedgerRecord(Type.DELIVERED, key.mailbox(), key.uidValidity(), key.uid(), "");
    }

    static LedgerRecord failed(MessageKey key, String reason) {
        return new LedgerRecord(Type.FAILED, key.mailbox(), key.uidValidity(), key.uid(), reason);
    }

    static LedgerRecord quarantined(MessageKey key) {
        return new LedgerRecord(Type.QUARANTINED, key.mailbox(), key.uidValidity(), key.uid(), "");
    }

    static LedgerRecord uidValidity(String mailbox, long uidValidity) {
        return new LedgerRecord(Type.UID_VALIDITY, mailbox, uidValidity, 0, "");
    }

    MessageKey key(String account) {
        return new MessageKey(account, mailbox, uidValidity, uid);
    }

    String line() {
        return String.join("\t", type.name(), encode(mailbox), Long.toString(uidValidity), Long.toString(uid),
                encode(detail.length() > 500 ? detail.substring(0, 500) : detail));
    }

    /** The record of a line, or empty for a line that is torn or not understood. */
    static Optional<LedgerRecord> parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LedgerRecord(Type.valueOf(fields[0]), decode(fields[1]),
                    Long.parseLong(fields[2]), Long.parseLong(fields[3]), decode(fields[4])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
