package io.mailbridge.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mailbridge.delivery.LedgerUnavailableException;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * The shared ledger's pool of PostgreSQL connections. Statements commit without waiting for the disk
 * ({@code synchronous_commit = off}: once committed they survive a crash of mailbridge, as the server has them);
 * {@link #durably} work commits once the server's write-ahead log is flushed up to it, and so past every commit
 * before it. A statement whose server stops answering fails after {@value #SOCKET_TIMEOUT_SECONDS} s. Every failure
 * names the database's URL (never a password) and what could not be done.
 */
final class LedgerDatabase implements AutoCloseable {

    /** Work on a connection. */
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    static final int SOCKET_TIMEOUT_SECONDS = 30;
    /**
     * A session that sits this long inside an open transaction (its node frozen, paused or cut off) is ended by the
     * server, which releases its locks: a frozen node's share lock on a bucket's row would otherwise keep the node that
     * takes the bucket over waiting for as long as the frozen one sleeps.
     */
    static final int IDLE_IN_TRANSACTION_SECONDS = 10;

    private final String url;
    private final HikariDataSource pool;
    private final Outage outage;

    private LedgerDatabase(String url, HikariDataSource pool, Outage outage) {
        this.url = url;
        this.pool = pool;
        this.outage = outage;
    }

    /** Opens the pool with one connection, so that a database that cannot be reached fails the start-up. */
    static LedgerDatabase connect(LedgerSettings settings, Supplier<String> password) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        try {
            postgres.setURL(settings.url());
        } catch (IllegalArgumentException e) {
            throw new LedgerUnavailableException("the delivery ledger's settings are wrong: " + LedgerSettings.URL
                    + " is not a valid PostgreSQL JDBC URL: '" + settings.safeUrl() + "'", e);
        }
        String options = postgres.getOptions();
        postgres.setOptions((options == null ? "" : options + " ") + "-c synchronous_commit=off"
                + " -c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION_SECONDS * 1000);
        postgres.setConnectTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        postgres.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        postgres.setApplicationName("mailbridge " + settings.node());
        HikariConfig config = new HikariConfig();
        config.setPoolName("mailbridge-ledger");
        config.setDataSource(new PasswordAtConnect(postgres, settings.user(), password));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 5000));
        try {
            return new LedgerDatabase(settings.safeUrl(), new HikariDataSource(config),
                    new Outage(settings.connectTimeout()));
        } catch (RuntimeException e) {
            throw new LedgerUnavailableException("cannot connect to the delivery ledger database "
                    + settings.safeUrl() + " as user '" + settings.user() + "': " + rootMessage(e), e);
        }
    }

    String url() {
        return url;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    <T> T call(Supplier<String> action, Work<T> work) {
        try (Connection connection = connection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw unavailable(action, e);
        }
    }

    /** Runs {@code work} in one transaction whose commit waits until it is on the server's disk. */
    <T> T durably(Supplier<String> action, Work<T> work) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL synchronous_commit = on");
                }
                T result = work.on(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(action, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private Connection connection() throws SQLException {
        outage.check();
        try {
            Connection connection = pool.getConnection();
            outage.ended();
            return connection;
        } catch (SQLException e) {
            outage.began(e);
            throw e;
        }
    }

    private LedgerUnavailableException unavailable(Supplier<String> action, SQLException e) {
        return new LedgerUnavailableException("delivery ledger database " + url + ": cannot " + action.get()
                + ": " + rootMessage(e), e);
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** The messages of the failure's causes from the driver's own on, each once: what the database said. */
    private static String rootMessage(Throwable failure) {
        Throwable first = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                first = cause;
                break;
            }
        }
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = first; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !reason.toString().contains(message)) {
                reason.append(reason.isEmpty() ? "" : ": ").append(message);
            }
        }
        return reason.isEmpty() ? first.getClass().getSimpleName() : reason.toString();
    }
}
