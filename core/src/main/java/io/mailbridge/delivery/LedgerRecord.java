package io.mailbridge.delivery;

import io.mailbridge.consumer.MailboxCursor;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One line of a ledger file: {@code TYPE mailbox uidValidity uid detail}, tab-separated, the free-text fields
 * URL-encoded so that no tab or newline can break a line.
 */
record LedgerRecord(Type type, String mailbox, long uidValidity, long uid, String detail) {

    /** UID_VALIDITY is what ledgers written before START knew of a mailbox; it is read, no longer written. */
    enum Type { DELIVERED, FAILED, QUARANTINED, UID_VALIDITY, START, HIGH_WATER }

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

    /** Where consumption of a mailbox starts: the cursor's high-water mark as uid, start mark and backfill as detail. */
    static LedgerRecord start(String mailbox, LedgerCursor start) {
        MailboxCursor cursor = start.cursor();
        return new LedgerRecord(Type.START, mailbox, start.uidValidity(), cursor.highWater(),
                cursor.startMark() + " " + cursor.backfill());
    }

    static LedgerRecord highWater(String mailbox, long uidValidity, long highWater) {
        return new LedgerRecord(Type.HIGH_WATER, mailbox, uidValidity, highWater, "");
    }

    /** The cursor of a START record. */
    LedgerCursor cursor() {
        int space = detail.indexOf(' ');
        return new LedgerCursor(uidValidity, new MailboxCursor(uid, Long.parseLong(detail.substring(0, space)),
                detail.substring(space + 1)));
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
            LedgerRecord record = new LedgerRecord(Type.valueOf(fields[0]), decode(fields[1]),
                    Long.parseLong(fields[2]), Long.parseLong(fields[3]), decode(fields[4]));
            if (record.type() == Type.START) {
                record.cursor();
            }
            return Optional.of(record);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
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
