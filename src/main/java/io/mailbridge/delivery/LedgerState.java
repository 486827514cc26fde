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

    private final String account;
    private final Set<MessageKey> delivered = new LinkedHashSet<>();
    private final Map<MessageKey, Integer> failures = new HashMap<>();
    private final Map<MessageKey, String> lastFailures = new HashMap<>();
    private final Set<MessageKey> quarantined = new LinkedHashSet<>();
    private final Map<String, Long> uidValidities = new HashMap<>();
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
            for (String line : complete.split("\n")) {
                if (!line.isEmpty()) {
                    state.linesRead++;
                }
                LedgerRecord.parse(line).ifPresent(state::apply);
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
        }
    }

    boolean isDelivered(MessageKey key) {
        return delivered.contains(key);
    }

    int failures(MessageKey key) {
        return failures.getOrDefault(key, 0);
    }

    String lastFailure(MessageKey key) {
        return lastFailures.getOrDefault(key, "");
    }

    Long uidValidity(String mailbox) {
        return uidValidities.get(mailbox);
    }

    /** Whether the file read holds exactly {@code records} whole lines and nothing else. */
    boolean holdsExactly(List<LedgerRecord> records) {
        return !tornTail && linesRead == records.size();
    }

    /** The records that still matter: those of each mailbox's current UIDVALIDITY, the newest delivered keys. */
    List<LedgerRecord> compacted(int maxDeliveredPerMailbox) {
        List<LedgerRecord> records = new ArrayList<>();
        uidValidities.forEach((mailbox, value) -> records.add(LedgerRecord.uidValidity(mailbox, value)));
        Map<String, List<MessageKey>> deliveredByMailbox = new HashMap<>();
        delivered.stream().filter(this::isCurrent)
                .forEach(key -> deliveredByMailbox.computeIfAbsent(key.mailbox(), m -> new ArrayList<>()).add(key));
        deliveredByMailbox.values().forEach(keys -> keys.subList(Math.max(0, keys.size() - maxDeliveredPerMailbox),
                keys.size()).forEach(key -> records.add(LedgerRecord.delivered(key))));
        quarantined.stream().filter(this::isCurrent).forEach(key -> records.add(LedgerRecord.quarantined(key)));
        failures.forEach((key, count) -> {
            if (isCurrent(key)) {
                for (int i = 0; i < count; i++) {
                    records.add(LedgerRecord.failed(key, lastFailures.getOrDefault(key, "")));
                }
            }
        });
        return records;
    }

    private boolean isCurrent(MessageKey key) {
        Long current = uidValidities.get(key.mailbox());
        return current == null || current == key.uidValidity();
    }
}
