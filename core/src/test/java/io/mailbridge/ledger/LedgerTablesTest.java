package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.support.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTablesTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final MessageKey KEY = new MessageKey("support", "INBOX", 100, 1);

    @Test
    void three_replicas_starting_at_once_create_the_tables_in_the_configured_schema_and_prefix() throws Exception {
        String url = POSTGRES.newDatabase();
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        List<JdbcLedgers> opened = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(3);
            List<Future<JdbcLedgers>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String node = "replica-" + i;
                starts.add(replicas.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return TestLedgers.open(POSTGRES, url, node, "mail", "mb_");
                }));
            }
            for (Future<JdbcLedgers> start : starts) {
                opened.add(start.get(30, TimeUnit.SECONDS));
            }

            opened.get(0).forAccount("support", AccountOwnership.SOLE).recordDelivered(KEY);
            assertThat(opened.get(2).forAccount("support", AccountOwnership.SOLE).isDelivered(KEY)).isTrue();
            assertThat(tables(url)).containsExactly("mail.mb_cursors", "mail.mb_deliveries", "mail.mb_owners");
        } finally {
            opened.forEach(JdbcLedgers::close);
            replicas.shutdownNow();
        }
    }

    @Test
    void a_user_who_may_not_create_tables_works_with_tables_made_beforehand() throws SQLException {
        String url = POSTGRES.newDatabase();
        TestLedgers.open(POSTGRES, url, "admin").close();
        try (Connection admin = POSTGRES.connect(url); Statement grant = admin.createStatement()) {
            grant.execute("CREATE ROLE ledger_user LOGIN PASSWORD 'ledger-user-secret'");
            grant.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ledger_user");
        }
        LedgerSettings settings = new LedgerSettings(url, "ledger_user", 2, Duration.ofSeconds(2), "", "mailbridge_",
                "replica");

        try (JdbcLedgers ledgers = JdbcLedgers.open(settings, () -> "ledger-user-secret");
             DeliveryLedger ledger = ledgers.forAccount("support", AccountOwnership.SOLE)) {
            ledger.recordDelivered(KEY);
            ledger.sync();
            assertThat(ledger.isDelivered(KEY)).isTrue();
        }
    }

    private static List<String> tables(String url) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = POSTGRES.connect(url); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT schemaname || '.' || tablename FROM pg_tables"
                     + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }
}
