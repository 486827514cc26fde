package io.mailbridge.ledger;

import io.mailbridge.ownership.ClaimStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The buckets' fencing epochs in the shared ledger's {@code owners} table. Taking a bucket is one statement that
 * raises its epoch (or creates it at 1) and records the node, committed durably; it waits for the ledger writes in
 * flight under the previous epoch, and refuses every later one.
 */
public final class JdbcClaimStore implements ClaimStore {

    private final LedgerDatabase database;
    private final String acquire;

    JdbcClaimStore(LedgerDatabase database, LedgerStatements sql) {
        this.database = database;
        this.acquire = sql.acquire;
    }

    @Override
    public long acquire(String bucket, String node) {
        return database.durably(() -> "take bucket '" + bucket + "' for node '" + node + "'", connection -> {
            try (PreparedStatement raise = connection.prepareStatement(acquire)) {
                raise.setString(1, bucket);
                raise.setString(2, node);
                try (ResultSet epoch = raise.executeQuery()) {
                    epoch.next();
                    return epoch.getLong(1);
                }
            }
        });
    }
}
