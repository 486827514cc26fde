package io.mailbridge.ledger;

import io.mailbridge.support.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrozenNodeTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final String BUCKET = "bucket-7";

    private JdbcLedgers nodeA;
    private JdbcLedgers nodeB;
    private LedgerDatabase frozen;
    private final CountDownLatch thaw = new CountDownLatch(1);

    @BeforeEach
    void open() {
        String url = POSTGRES.newDatabase();
        nodeA = TestLedgers.open(POSTGRES, url, "node-a");
        nodeB = TestLedgers.open(POSTGRES, url, "node-b");
        frozen = LedgerDatabase.connect(new LedgerSettings(url, PostgresServer.USER, 1, Duration.ofSeconds(2), "",
                "mailbridge_", "node-a"), POSTGRES::password);
    }

    @AfterEach
    void close() {
        thaw.countDown();
        frozen.close();
        nodeA.close();
        nodeB.close();
    }

    private void awaitThaw() {
        try {
            thaw.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_node_frozen_inside_a_transaction_on_a_buckets_row_does_not_keep_another_node_from_taking_the_bucket()
            throws Exception {
        long first = nodeA.claimStore().acquire(BUCKET, "node-a");
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> frozenTransaction = CompletableFuture.runAsync(() -> frozen.call(() -> "freeze",
                connection -> {
                    connection.setAutoCommit(false);
                    try (PreparedStatement share = connection.prepareStatement(
                            "SELECT 1 FROM mailbridge_owners WHERE bucket = ? AND epoch = ? FOR SHARE")) {
                        share.setString(1, BUCKET);
                        share.setLong(2, first);
                        try (ResultSet row = share.executeQuery()) {
                            assertThat(row.next()).isTrue();
                        }
                    }
                    locked.countDown();
                    awaitThaw();
                    connection.commit();
                    return null;
                }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        long second = nodeB.claimStore().acquire(BUCKET, "node-b");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(second).isGreaterThan(first);
        assertThat(waited).isLessThan(Duration.ofSeconds(LedgerDatabase.SOCKET_TIMEOUT_SECONDS));
        thaw.countDown();
        assertThatThrownBy(() -> frozenTransaction.get(30, TimeUnit.SECONDS))
                .as("the frozen node's transaction was ended by the server").hasRootCauseInstanceOf(
                        java.sql.SQLException.class);
    }
}
