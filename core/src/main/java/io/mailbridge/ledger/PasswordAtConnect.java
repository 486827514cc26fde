package io.mailbridge.ledger;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A data source that logs in with a password resolved at each new connection (from a placeholder such as
 * {@code {{env:MAILBRIDGE_LEDGER_PASSWORD}}}), so a rotated secret is used by the next connection and the password
 * is never kept by the pool.
 */
final class PasswordAtConnect implements DataSource {

    private final DataSource target;
    private final String user;
    private final Supplier<String> password;

    PasswordAtConnect(DataSource target, String user, Supplier<String> password) {
        this.target = target;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        String secret;
        try {
            secret = password.get();
        } catch (RuntimeException e) {
            throw new SQLException("cannot resolve the password of the delivery ledger database ("
                    + LedgerSettings.PASSWORD + ")", e);
        }
        return target.getConnection(user, secret);
    }

    @Override
    public Connection getConnection(String username, String secret) throws SQLException {
        return target.getConnection(username, secret);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
