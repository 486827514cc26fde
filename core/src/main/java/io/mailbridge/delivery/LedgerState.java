package io.mailbridge.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a ledger file says, folded into sets and counters; keys are account-relative (the file is the account). */
final class LedgerState {

    /** A line of the file that is not a ledger record: its number (from 1) and its text. */
    record CorruptLine(int number, String text) {
    }

    private final String account;
    private final Set<MessageKey> delivered = new LinkedHashSet<>();
    private final Map<MessageKey, Integer> failures = new HashMap<>();
    private final Map<MessageKey, String> lastFailures = new HashMap<>();
    private final Set<MessageKey> quarantined = new LinkedHashSet<>();
    private final Map<String, Long> uidValidities = new HashMap<>();
    private final Map<String, LedgerCursor> cursors = new HashMap<>();
    private final List<CorruptLine> corruptLines = new ArrayList<>();
    private int linesRead;
    private boolean tornTail;

    LedgerState(String account) {
        this.account = account;
    }

    static LedgerState read(Path file, String account) throws IOException {
        LedgerState state = new LedgerState(account);
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);
            state.tornTail = complete.length() < text.length();
            String[] lines = complete.split("\n");
            for (int index = 0; index < lines.length; index++) {
                String line = lines[index];
                if (line.isEmpty()) {
                    continue;
                }
                state.linesRead++;
                int number = index + 1;
                LedgerRecord.parse(line).ifPresentOrElse(state::apply,
                        () -> state.corruptLines.add(new CorruptLine(number, line)));
            }
        }
        return state;
    }

    void apply(LedgerRecord record) {
        MessageKey key = record.key(account);
        switch (record.type()) {
            case DELIVERED -> {
                delivered.remove(key);
                delivered.add(key);
                failures.remove(key);
                lastFailures.remove(key);
            }
            case FAILED -> {
                failures.merge(key, 1, Integer::sum);
                lastFailures.put(key, record.detail());
            }
            case QUARANTINED -> {
                quarantined.add(key);
                failures.remove(key);
                lastFailures.remove(key);
            }
            case UID_VALIDITY -> uidValidities.put(record.mailbox(), record.uidValidity());
            case START -> {
                cursors.put(record.mailbox(), record.cursor());
                uidValidities.put(record.mailbox(), record.uidValidity());
            }
            case HIGH_WATER -> cursors.computeIfPresent(record.mailbox(), (mailbox, cursor) ->
                    cursor.uidValidity() == record.uidValidity() ? cursor.advancedTo(record.uid()) : cursor);
        }
    }

    boolean isDelivered(MessageKey key) {
        return delivered.contains(key);
    }

    boolean isQuarantined(MessageKey key) {
        return quarantined.contains(key);
    }

    int failures(MessageKey key) {
        return failures.getOrDefault(key, 0);
    }

    String lastFailure(MessageKey key) {
        return lastFailures.getOrDefault(key, "");
    }

    /** The UIDVALIDITY last recorded for the mailbox, by a cursor or (in older files) on its own. */
    Long uidValidity(String mailbox) {
        return uidValidities.get(mailbox);
    }

    LedgerCursor cursor(String mailbox) {
        return cursors.get(mailbox);
    }

    List<CorruptLine> corruptLines() {
        return corruptLines;
    }

    boolean hasTornTail() {
        return tornTail;
    }

    /** Whether the file read holds exactly {@code records} whole lines and nothing else. */
    boolean holdsExactly(List<LedgerRecord> records) {
        return !tornTail && linesRead == records.size();
    }

    /**
     * The records that still matter: each mailbox's cursor (or its UIDVALIDITY, in files from before cursors), and
     * of its current UIDVALIDITY the records of messages above the high-water mark, at most the newest
     * {@code maxDeliveredPerMailbox} delivered keys.
     */
    List<LedgerRecord> compacted(int maxDeliveredPerMailbox) {
        List<LedgerRecord> records = new ArrayList<>();
        uidValidities.forEach((mailbox, value) -> records.add(cursors.containsKey(mailbox)
                ? LedgerRecord.start(mailbox, cursors.get(mailbox)) : LedgerRecord.uidValidity(mailbox, value)));
        Map<String, List<MessageKey>> deliveredByMailbox = new HashMap<>();
        delivered.stream().filter(this::isPending)
                .forEach(key -> deliveredByMailbox.computeIfAbsent(key.mailbox(), m -> new ArrayList<>()).add(key));
        deliveredByMailbox.values().forEach(keys -> keys.subList(Math.max(0, keys.size() - maxDeliveredPerMailbox),
                keys.size()).forEach(key -> records.add(LedgerRecord.delivered(key))));
        quarantined.stream().filter(this::isPending).forEach(key -> records.add(LedgerRecord.quarantined(key)));
        failures.forEach((key, count) -> {
            if (isPending(key)) {
                for (int i = 0; i < count; i++) {
                    records.add(LedgerRecord.failed(key, lastFailures.getOrDefault(key, "")));
                }
            }
        });
        return records;
    }

    /** Whether a key's record still matters: of the mailbox's current UIDVALIDITY and above its high-water mark. */
    private boolean isPending(MessageKey key) {
        Long current = uidValidities.get(key.mailbox());
        LedgerCursor cursor = cursors.get(key.mailbox());
        return (current == null || current == key.uidValidity())
                && (cursor == null || key.uid() > cursor.cursor().highWater());
    }
}
