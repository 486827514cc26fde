package io.mailbridge.delivery;

import io.mailbridge.consumer.MailboxCursor;
import io.mailbridge.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class FileDeliveryLedgerTest {

    private static final MessageKey FIRST = new MessageKey("support", "INBOX", 100, 1);
    private static final MessageKey SECOND = new MessageKey("support", "INBOX", 100, 2);

    @TempDir
    Path dir;

    @Test
    void what_was_recorded_is_there_after_reopening() {
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
            ledger.recordFailure(SECOND, "downstream said\tno\nat all");
            ledger.recordFailure(SECOND, "still no");
        }

        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            assertThat(ledger.isDelivered(FIRST)).isTrue();
            assertThat(ledger.isDelivered(SECOND)).isFalse();
            assertThat(ledger.failures(SECOND)).isEqualTo(2);
            assertThat(ledger.lastFailure(SECOND)).isEqualTo("still no");
            assertThat(ledger.uidValidity("INBOX")).isEqualTo(OptionalLong.of(100));
        }
    }

    @Test
    void a_torn_last_line_from_a_crash_mid_write_is_ignored() throws IOException {
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
        }
        Files.writeString(dir.resolve("support.ledger"), "DELIVERED\tINBOX\t100\t", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            assertThat(ledger.isDelivered(FIRST)).isTrue();
            ledger.recordDelivered(SECOND);
        }
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            assertThat(ledger.isDelivered(SECOND)).isTrue();
        }
    }

    @Test
    void a_delivery_clears_the_failures_and_a_quarantine_too() {
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            ledger.recordFailure(FIRST, "boom");
            ledger.recordDelivered(FIRST);
            ledger.recordFailure(SECOND, "boom");
            ledger.recordQuarantined(SECOND);

            assertThat(ledger.failures(FIRST)).isZero();
            assertThat(ledger.failures(SECOND)).isZero();
        }
    }

    @Test
    void reopening_forgets_the_keys_of_a_rebuilt_mailbox() {
        MessageKey rebuilt = new MessageKey("support", "INBOX", 200, 1);
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
            ledger.recordStart("INBOX", startedAt(200));
            ledger.recordDelivered(rebuilt);
        }

        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            assertThat(ledger.isDelivered(FIRST)).isFalse();
            assertThat(ledger.isDelivered(rebuilt)).isTrue();
            assertThat(ledger.uidValidity("INBOX")).isEqualTo(OptionalLong.of(200));
        }
    }

    @Test
    void keys_are_per_mailbox_and_per_account_file() {
        try (FileDeliveryLedger support = FileDeliveryLedger.open(dir, "support");
             FileDeliveryLedger sales = FileDeliveryLedger.open(dir, "sales")) {
            support.recordDelivered(FIRST);

            assertThat(support.isDelivered(new MessageKey("support", "Archive", 100, 1))).isFalse();
            assertThat(sales.isDelivered(new MessageKey("sales", "INBOX", 100, 1))).isFalse();
        }
    }

    @Test
    void a_line_that_is_not_a_record_is_logged_and_the_file_kept_aside_while_the_rest_is_read() throws IOException {
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
        }
        Path file = dir.resolve("support.ledger");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(1, "DELIVERED\tINBOX\tnot-a-number\t7\t");
        lines.add(2, "\u0000\u0000\u0000 garbage from a bad disk");
        Files.write(file, lines);

        try (LogCapture logs = new LogCapture();
             FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            assertThat(ledger.isDelivered(FIRST)).isTrue();
            assertThat(ledger.cursor("INBOX")).map(LedgerCursor::uidValidity).hasValue(100L);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains(file.toString())
                    && line.contains("line 2 is not a ledger record"));
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("line 3 is not"));
        }
        try (var kept = Files.list(dir)) {
            Path copy = kept.filter(path -> path.getFileName().toString().startsWith("support.ledger.corrupt-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readAllLines(copy)).isEqualTo(lines);
        }
        assertThat(Files.readAllLines(file)).as("rewritten without the bad lines").hasSize(2);
    }

    @Test
    void the_records_below_the_high_water_mark_are_dropped_when_the_file_is_reopened() {
        MessageKey third = new MessageKey("support", "INBOX", 100, 3);
        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
            ledger.recordDelivered(SECOND);
            ledger.recordDelivered(third);
            ledger.recordHighWater("INBOX", 100, 2);
        }

        try (FileDeliveryLedger ledger = FileDeliveryLedger.open(dir, "support")) {
            assertThat(ledger.cursor("INBOX")).map(cursor -> cursor.cursor().highWater()).hasValue(2L);
            assertThat(ledger.isDelivered(third)).isTrue();
            assertThat(ledger.isDelivered(FIRST)).as("settled below the high-water mark, no longer kept").isFalse();
        }
    }

    /** A cursor that takes every message of the mailbox with this UIDVALIDITY. */
    private static LedgerCursor startedAt(long uidValidity) {
        return new LedgerCursor(uidValidity, new MailboxCursor(0, 0, "ALL"));
    }
}
