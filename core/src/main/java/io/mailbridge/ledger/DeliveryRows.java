package io.mailbridge.ledger;

import io.mailbridge.delivery.MessageKey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Reads the shared ledger's record of a message, and keeps the one read last until the next write: the delivery
 * gate asks whether a message was delivered, then whether it was quarantined and how often it failed.
 */
final class DeliveryRows {

    private final LedgerDatabase database;
    private final String query;
    private MessageKey recentKey;
    private DeliveryRow recentRow;

    DeliveryRows(LedgerDatabase database, LedgerStatements sql) {
        this.database = database;
        this.query = sql.read;
    }

    /** The record as the database has it now. */
    DeliveryRow read(MessageKey key) {
        DeliveryRow row = database.call(() -> "read the record of " + key, connection -> {
            try (PreparedStatement select = connection.prepareStatement(query)) {
                select.setString(1, key.account());
                select.setString(2, key.mailbox());
                select.setLong(3, key.uidValidity());
                select.setLong(4, key.uid());
                try (ResultSet result = select.executeQuery()) {
                    return result.next() ? DeliveryRow.of(result.getString(1), result.getInt(2), result.getString(3))
                            : DeliveryRow.NONE;
                }
            }
        });
        synchronized (this) {
            recentKey = key;
            recentRow = row;
        }
        return row;
    }

    /** The record read last, if it is this message's, else as the database has it now. */
    DeliveryRow recentOrRead(MessageKey key) {
        synchronized (this) {
            if (key.equals(recentKey)) {
                return recentRow;
            }
        }
        return read(key);
    }

    /** Drops the record read last, before a write. */
    synchronized void forget() {
        recentKey = null;
        recentRow = null;
    }
}
