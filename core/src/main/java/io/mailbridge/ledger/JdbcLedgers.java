package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.ownership.ClaimStore;
import io.mailbridge.delivery.DeliveryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Statement;
import java.util.function.Supplier;

/**
 * The shared delivery ledger on PostgreSQL: its connection pool and tables, made ready at start-up, a
 * {@link JdbcDeliveryLedger} per account and the {@link ClaimStore} of the buckets' epochs.
 */
public final class JdbcLedgers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedgers.class);

    private final LedgerDatabase database;
    private final LedgerStatements sql;
    private final String node;

    private JdbcLedgers(LedgerDatabase database, LedgerStatements sql, String node) {
        this.database = database;
        this.sql = sql;
        this.node = node;
    }

    /**
     * Connects and creates the tables that are missing; fails, naming the database's URL, when it cannot.
     *
     * @param password resolved at each new connection
     */
    public static JdbcLedgers open(LedgerSettings settings, Supplier<String> password) {
        LedgerDatabase database = LedgerDatabase.connect(settings, password);
        try {
            LedgerTables tables = new LedgerTables(settings.schema(), settings.tablePrefix());
            tables.create(database, AccountOwnership.SOLE.claim("").orElseThrow());
            return new JdbcLedgers(database, new LedgerStatements(tables), settings.node());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The account's ledger, whose writes are fenced by the claim {@code ownership} has on it at each write. */
    public DeliveryLedger forAccount(String account, AccountOwnership ownership) {
        return new JdbcDeliveryLedger(account, database, sql, ownership, node);
    }

    public ClaimStore claimStore() {
        return new JdbcClaimStore(database, sql);
    }

    /** The database, as it may be shown: its URL without a password. */
    public String url() {
        return database.url();
    }

    /** Flushes the server's log past the last records (the high-water marks since the last chunk), then closes. */
    @Override
    public void close() {
        try {
            database.durably(() -> "flush the last records", connection -> {
                try (Statement flush = connection.createStatement()) {
                    flush.execute(sql.flush);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("the last records of the shared delivery ledger may not be durable: {}", e.getMessage());
        } finally {
            database.close();
        }
    }
}
