package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.consumer.MailboxCursor;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.LedgerCursor;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

import static io.mailbridge.ledger.TestLedgers.startedAt;
import static org.assertj.core.api.Assertions.assertThat;

class JdbcDeliveryLedgerTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final MessageKey FIRST = new MessageKey("support", "INBOX", 100, 1);
    private static final MessageKey SECOND = new MessageKey("support", "INBOX", 100, 2);

    private String url;
    private JdbcLedgers ledgers;

    @BeforeEach
    void openLedgers() {
        url = POSTGRES.newDatabase();
        ledgers = TestLedgers.open(POSTGRES, url, "node-a");
    }

    @AfterEach
    void closeLedgers() {
        ledgers.close();
    }

    @Test
    void what_was_recorded_is_there_after_reopening() {
        try (DeliveryLedger ledger = support()) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
            ledger.recordFailure(SECOND, "downstream said\tno\nat all");
            ledger.recordFailure(SECOND, "still no");
        }
        ledgers.close();
        ledgers = TestLedgers.open(POSTGRES, url, "node-b");

        try (DeliveryLedger ledger = support()) {
            assertThat(ledger.isDelivered(FIRST)).isTrue();
            assertThat(ledger.isDelivered(SECOND)).isFalse();
            assertThat(ledger.failures(SECOND)).isEqualTo(2);
            assertThat(ledger.lastFailure(SECOND)).isEqualTo("still no");
            assertThat(ledger.uidValidity("INBOX")).isEqualTo(OptionalLong.of(100));
            assertThat(ledger.cursor("INBOX")).hasValue(startedAt(100));
        }
    }

    @Test
    void which_of_many_messages_were_delivered_is_one_look_up() {
        try (DeliveryLedger ledger = support()) {
            ledger.recordDelivered(FIRST);
            ledger.recordFailure(SECOND, "boom");
            ledger.recordDelivered(new MessageKey("support", "INBOX", 100, 3));
            ledger.recordDelivered(new MessageKey("support", "Archive", 100, 4));

            assertThat(ledger.delivered("support", "INBOX", 100, new long[] {1, 2, 3, 4})).containsOnly(1L, 3L);
        }
    }

    @Test
    void a_failed_attempt_is_counted_and_returns_the_count_so_far() {
        try (DeliveryLedger ledger = support()) {
            assertThat(ledger.recordFailure(FIRST, "boom")).isEqualTo(1);
            assertThat(ledger.recordFailure(FIRST, "boom again")).isEqualTo(2);
            assertThat(ledger.failures(FIRST)).isEqualTo(2);
            assertThat(ledger.isDelivered(FIRST)).isFalse();
            assertThat(ledger.isQuarantined(FIRST)).isFalse();
        }
    }

    @Test
    void a_delivery_clears_the_failures_and_a_quarantine_too() {
        try (DeliveryLedger ledger = support()) {
            ledger.recordFailure(FIRST, "boom");
            ledger.recordDelivered(FIRST);
            ledger.recordFailure(SECOND, "boom");
            ledger.recordQuarantined(SECOND);

            assertThat(ledger.isDelivered(FIRST)).isTrue();
            assertThat(ledger.failures(FIRST)).isZero();
            assertThat(ledger.isQuarantined(SECOND)).isTrue();
            assertThat(ledger.failures(SECOND)).isZero();
            assertThat(ledger.lastFailure(SECOND)).isEmpty();
        }
    }

    @Test
    void a_new_uidvalidity_forgets_the_keys_of_the_rebuilt_mailbox() {
        MessageKey rebuilt = new MessageKey("support", "INBOX", 200, 1);
        try (DeliveryLedger ledger = support()) {
            ledger.recordStart("INBOX", startedAt(100));
            ledger.recordDelivered(FIRST);
            ledger.recordStart("INBOX", startedAt(200));
            ledger.recordDelivered(rebuilt);

            assertThat(ledger.isDelivered(FIRST)).isFalse();
            assertThat(ledger.isDelivered(rebuilt)).isTrue();
            assertThat(ledger.uidValidity("INBOX")).isEqualTo(OptionalLong.of(200));
        }
    }

    @Test
    void keys_are_per_mailbox_and_per_account() {
        try (DeliveryLedger support = support(); DeliveryLedger sales = ledgers.forAccount("sales",
                AccountOwnership.SOLE)) {
            support.recordDelivered(FIRST);

            assertThat(support.isDelivered(new MessageKey("support", "Archive", 100, 1))).isFalse();
            assertThat(sales.isDelivered(new MessageKey("sales", "INBOX", 100, 1))).isFalse();
        }
    }

    @Test
    void the_high_water_mark_only_moves_up_and_the_records_it_passed_are_deleted() throws SQLException {
        MessageKey third = new MessageKey("support", "INBOX", 100, 3);
        try (DeliveryLedger ledger = support()) {
            ledger.recordStart("INBOX", new LedgerCursor(100, new MailboxCursor(0, 10, "UNSEEN")));
            ledger.recordDelivered(FIRST);
            ledger.recordDelivered(SECOND);
            ledger.recordDelivered(third);
            ledger.recordHighWater("INBOX", 100, 2);
            ledger.recordHighWater("INBOX", 100, 1);
            ledger.recordHighWater("INBOX", 99, 3);

            assertThat(ledger.cursor("INBOX")).hasValue(new LedgerCursor(100, new MailboxCursor(2, 10, "UNSEEN")));
            assertThat(ledger.isDelivered(third)).isTrue();
            assertThat(ledger.isDelivered(FIRST)).as("settled below the high-water mark, no longer kept").isFalse();
            assertThat(count("SELECT count(*) FROM mailbridge_deliveries")).isEqualTo(1);
        }
    }

    @Test
    void two_replicas_recording_the_same_delivery_leave_one_record_and_both_see_it_delivered() throws Exception {
        try (JdbcLedgers other = TestLedgers.open(POSTGRES, url, "node-b");
             DeliveryLedger a = support(); DeliveryLedger b = other.forAccount("support", AccountOwnership.SOLE);
             LogCapture logs = new LogCapture()) {
            a.recordDelivered(FIRST);
            b.recordDelivered(FIRST);

            assertThat(a.isDelivered(FIRST)).isTrue();
            assertThat(b.isDelivered(FIRST)).isTrue();
            assertThat(count("SELECT count(*) FROM mailbridge_deliveries WHERE node = 'node-a'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM mailbridge_deliveries")).isEqualTo(1);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN")
                    && line.contains("account 'support' uid 1: already recorded as delivered by node 'node-a'"));
        }
    }

    @Test
    void sync_flushes_the_servers_log_past_every_delivery_recorded_before_it() throws SQLException {
        try (DeliveryLedger ledger = support()) {
            ledger.recordDelivered(FIRST);
            ledger.recordDelivered(SECOND);
            long written = lsn("pg_current_wal_insert_lsn()");

            ledger.sync();

            assertThat(lsn("pg_current_wal_flush_lsn()")).isGreaterThanOrEqualTo(written);
        }
    }

    private DeliveryLedger support() {
        return ledgers.forAccount("support", AccountOwnership.SOLE);
    }

    private long count(String query) throws SQLException {
        try (Connection connection = POSTGRES.connect(url); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    private long lsn(String function) throws SQLException {
        return count("SELECT " + function + " - '0/0'::pg_lsn");
    }
}
