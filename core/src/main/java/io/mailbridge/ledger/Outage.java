package io.mailbridge.ledger;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Remembers that the ledger's database could not be reached, so that until the connect timeout has passed again the
 * calls fail at once instead of each waiting that long: a chunk of 50 messages whose database went down fails after
 * one wait, not 50.
 */
final class Outage {

    private final Duration window;
    private volatile long until;
    private volatile String reason;

    Outage(Duration window) {
        this.window = window;
    }

    /** Throws while an outage seen less than a connect timeout ago lasts. */
    void check() throws SQLException {
        String last = reason;
        if (last != null && System.nanoTime() - until < 0) {
            throw new SQLTransientConnectionException(last + " (a moment ago; tried again in at most "
                    + window.toMillis() / 1000.0 + " s)");
        }
    }

    void began(SQLException failure) {
        until = System.nanoTime() + window.toNanos();
        Throwable cause = failure.getCause();
        reason = failure.getMessage() + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    void ended() {
        if (reason != null) {
            reason = null;
        }
    }
}
