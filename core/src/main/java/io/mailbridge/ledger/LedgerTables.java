package io.mailbridge.ledger;

import io.mailbridge.ownership.OwnershipClaim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The shared ledger's three tables ({@code owners}, {@code cursors}, {@code deliveries}) under the configured schema
 * and prefix, and their creation from {@code schema.sql}: at every start, skipped when they exist (so a database
 * user without the right to create tables works with tables made beforehand), serialised by an advisory lock so
 * that replicas starting together do not race.
 */
final class LedgerTables {

    private static final String SCRIPT = "schema.sql";
    private static final String LOCK = "mailbridge delivery ledger schema";

    private final String schema;
    private final String prefix;

    LedgerTables(String schema, String tablePrefix) {
        this.schema = schema;
        this.prefix = (schema.isEmpty() ? "" : schema + ".") + tablePrefix;
    }

    String owners() {
        return prefix + "owners";
    }

    String cursors() {
        return prefix + "cursors";
    }

    String deliveries() {
        return prefix + "deliveries";
    }

    /** Creates what is missing, and the bucket a single node owns every account under. */
    void create(LedgerDatabase database, OwnershipClaim soleClaim) {
        database.durably(() -> "create the ledger's tables " + List.of(owners(), cursors(), deliveries()),
                connection -> {
                    try (PreparedStatement lock = connection.prepareStatement(
                            "SELECT pg_advisory_xact_lock(hashtext(?))")) {
                        lock.setString(1, LOCK);
                        lock.execute();
                    }
                    if (!exist(connection)) {
                        try (Statement ddl = connection.createStatement()) {
                            if (!schema.isEmpty()) {
                                ddl.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                            }
                            for (String statement : script().split(";\\s*\\n")) {
                                if (!statement.isBlank()) {
                                    ddl.execute(statement);
                                }
                            }
                        }
                    }
                    try (PreparedStatement sole = connection.prepareStatement("INSERT INTO " + owners()
                            + " (bucket, epoch, node) VALUES (?, ?, 'any single node')"
                            + " ON CONFLICT (bucket) DO NOTHING")) {
                        sole.setString(1, soleClaim.bucket());
                        sole.setLong(2, soleClaim.epoch());
                        sole.executeUpdate();
                    }
                    return null;
                });
    }

    private boolean exist(Connection connection) throws SQLException {
        try (PreparedStatement found = connection.prepareStatement(
                "SELECT to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL")) {
            found.setString(1, owners());
            found.setString(2, cursors());
            found.setString(3, deliveries());
            try (ResultSet result = found.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private String script() {
        try (InputStream in = LedgerTables.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the ledger's " + SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^--.*\\n", "")
                    .replace("${prefix}", prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger's " + SCRIPT, e);
        }
    }
}
