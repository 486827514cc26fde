package io.mailbridge.ledger;

import io.mailbridge.ownership.ClaimStore;
import io.mailbridge.ownership.NotOwnerException;
import io.mailbridge.ownership.OwnershipClaim;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.support.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.mailbridge.ledger.TestLedgers.startedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FencingTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final MessageKey FIRST = new MessageKey("support", "INBOX", 100, 1);
    private static final MessageKey SECOND = new MessageKey("support", "INBOX", 100, 2);

    private final AtomicReference<OwnershipClaim> claimOfA = new AtomicReference<>();
    private String url;
    private JdbcLedgers nodeA;
    private JdbcLedgers nodeB;
    private ClaimStore claims;

    @BeforeEach
    void openTwoNodes() {
        url = POSTGRES.newDatabase();
        nodeA = TestLedgers.open(POSTGRES, url, "node-a");
        nodeB = TestLedgers.open(POSTGRES, url, "node-b");
        claims = nodeA.claimStore();
        claimOfA.set(new OwnershipClaim("bucket-3", claims.acquire("bucket-3", "node-a")));
    }

    @AfterEach
    void closeNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void after_another_node_took_the_bucket_every_write_and_the_owner_check_are_refused_and_change_nothing()
            throws SQLException {
        DeliveryLedger a = nodeA.forAccount("support", TestLedgers.claimOf(claimOfA));
        a.recordStart("INBOX", startedAt(100));
        a.recordFailure(SECOND, "boom");
        a.assertOwner();
        String before = tables();

        long epochOfB = claims.acquire("bucket-3", "node-b");

        List<Consumer<DeliveryLedger>> writes = List.of(
                DeliveryLedger::assertOwner,
                ledger -> ledger.recordDelivered(FIRST),
                ledger -> ledger.recordFailure(SECOND, "again"),
                ledger -> ledger.recordQuarantined(SECOND),
                ledger -> ledger.recordStart("INBOX", startedAt(200)),
                ledger -> ledger.recordHighWater("INBOX", 100, 5));
        for (Consumer<DeliveryLedger> write : writes) {
            assertThatThrownBy(() -> write.accept(a)).isInstanceOf(NotOwnerException.class)
                    .hasMessageContaining("account 'support' is no longer owned by this node: its bucket 'bucket-3'"
                            + " is owned by node 'node-b' under epoch " + epochOfB)
                    .hasMessageContaining("this node's claim is epoch " + claimOfA.get().epoch());
        }
        assertThat(tables()).isEqualTo(before);
    }

    @Test
    void a_sync_after_the_bucket_was_taken_is_refused() {
        DeliveryLedger a = nodeA.forAccount("support", TestLedgers.claimOf(claimOfA));
        a.recordDelivered(FIRST);

        claims.acquire("bucket-3", "node-b");

        assertThatThrownBy(a::sync).isInstanceOf(NotOwnerException.class);
    }

    @Test
    void the_new_owner_writes_under_its_own_epoch_and_sees_what_the_old_one_recorded() {
        DeliveryLedger a = nodeA.forAccount("support", TestLedgers.claimOf(claimOfA));
        a.recordDelivered(FIRST);

        AtomicReference<OwnershipClaim> claimOfB = new AtomicReference<>(
                new OwnershipClaim("bucket-3", claims.acquire("bucket-3", "node-b")));
        DeliveryLedger b = nodeB.forAccount("support", TestLedgers.claimOf(claimOfB));

        b.assertOwner();
        assertThat(b.isDelivered(FIRST)).isTrue();
        b.recordDelivered(SECOND);
        b.sync();
        assertThat(a.isDelivered(SECOND)).isTrue();
    }

    @Test
    void a_node_without_a_claim_on_the_account_cannot_write() {
        DeliveryLedger a = nodeA.forAccount("support", TestLedgers.claimOf(new AtomicReference<>()));

        assertThatThrownBy(a::assertOwner).isInstanceOf(NotOwnerException.class)
                .hasMessageContaining("holds no claim");
        assertThatThrownBy(() -> a.recordDelivered(FIRST)).isInstanceOf(NotOwnerException.class);
        assertThat(a.isDelivered(FIRST)).isFalse();
    }

    @Test
    void acquires_from_many_threads_at_once_get_distinct_increasing_epochs() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            List<Future<Long>> epochs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String node = "node-" + i;
                epochs.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return claims.acquire("bucket-new", node);
                }));
            }
            List<Long> got = new ArrayList<>();
            for (Future<Long> epoch : epochs) {
                got.add(epoch.get(20, TimeUnit.SECONDS));
            }

            assertThat(got).doesNotHaveDuplicates().allMatch(epoch -> epoch >= 1 && epoch <= threads);
            assertThat(claims.acquire("bucket-new", "node-late")).isEqualTo(threads + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_write_racing_a_takeover_waits_for_it_and_is_refused() throws Exception {
        DeliveryLedger a = nodeA.forAccount("support", TestLedgers.claimOf(claimOfA));
        try (Connection takeover = POSTGRES.connect(url); Statement statement = takeover.createStatement()) {
            takeover.setAutoCommit(false);
            statement.executeUpdate("UPDATE mailbridge_owners SET epoch = epoch + 1, node = 'node-b'"
                    + " WHERE bucket = 'bucket-3'");
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> a.recordDelivered(FIRST));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !write.isDone());

            takeover.commit();

            assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(NotOwnerException.class);
        }
        assertThat(a.isDelivered(FIRST)).isFalse();
    }

    /** Every row of the cursors and deliveries, as text. */
    private String tables() throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = POSTGRES.connect(url); Statement statement = connection.createStatement()) {
            for (String table : List.of("mailbridge_cursors", "mailbridge_deliveries")) {
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
                    while (result.next()) {
                        for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                            rows.append(result.getString(column)).append('\t');
                        }
                        rows.append('\n');
                    }
                }
            }
        }
        return rows.toString();
    }
}
