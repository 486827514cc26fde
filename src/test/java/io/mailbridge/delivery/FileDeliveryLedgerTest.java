package io.mailbridge.delivery;

import io.mailbridge.consumer.MailboxCursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** A cursor that takes every message of the mailbox with this UIDVALIDITY. */
    private static LedgerCursor startedAt(long uidValidity) {
        return new LedgerCursor(uidValidity, new MailboxCursor(0, 0, "ALL"));
    }
}
