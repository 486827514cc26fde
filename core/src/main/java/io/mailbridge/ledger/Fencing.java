package io.mailbridge.ledger;

import io.mailbridge.ownership.NotOwnerException;
import io.mailbridge.ownership.OwnershipClaim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs the shared ledger's fenced statements ({@link LedgerStatements}) and tells a write refused because another
 * node took the account's bucket ({@link NotOwnerException}) from one that was made, or had nothing to change.
 */
final class Fencing {

    private final String ownerQuery;

    Fencing(LedgerStatements sql) {
        this.ownerQuery = sql.owner;
    }

    /** Throws {@link NotOwnerException} unless the bucket's epoch is still the claim's: one read. */
    void check(Connection connection, String account, OwnershipClaim claim) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ownerQuery)) {
            select.setString(1, claim.bucket());
            try (ResultSet owner = select.executeQuery()) {
                boolean found = owner.next();
                if (!found || owner.getLong(1) != claim.epoch()) {
                    throw notOwner(account, claim, found ? owner.getString(2) : null, found ? owner.getLong(1) : -1,
                            "");
                }
            }
        }
    }

    /**
     * Runs a fenced write with the claim's bucket and epoch, then {@code values}; returns its second result column (0
     * when null): how many rows it wrote, or the count it keeps.
     */
    long write(Connection connection, String statement, String account, OwnershipClaim claim, Object... values)
            throws SQLException {
        try (PreparedStatement write = connection.prepareStatement(statement)) {
            write.setString(1, claim.bucket());
            write.setLong(2, claim.epoch());
            for (int i = 0; i < values.length; i++) {
                write.setObject(i + 3, values[i]);
            }
            try (ResultSet result = write.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    throw refused(connection, account, claim);
                }
                return result.getLong(2);
            }
        }
    }

    /** The refusal of a write under {@code claim}, naming the bucket's owner now. */
    NotOwnerException refused(Connection connection, String account, OwnershipClaim claim) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ownerQuery)) {
            select.setString(1, claim.bucket());
            try (ResultSet owner = select.executeQuery()) {
                boolean found = owner.next();
                return notOwner(account, claim, found ? owner.getString(2) : null, found ? owner.getLong(1) : -1,
                        "; nothing was written");
            }
        }
    }

    private static NotOwnerException notOwner(String account, OwnershipClaim claim, String node, long epoch,
                                              String outcome) {
        return new NotOwnerException("account '" + account + "' is no longer owned by this node: "
                + (node == null ? "its bucket '" + claim.bucket() + "' is not in the shared ledger"
                : "its bucket '" + claim.bucket() + "' is owned by node '" + node + "' under epoch " + epoch)
                + ", this node's claim is epoch " + claim.epoch() + outcome);
    }
}
