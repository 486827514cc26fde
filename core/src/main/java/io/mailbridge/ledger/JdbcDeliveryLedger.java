package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.ownership.NotOwnerException;
import io.mailbridge.ownership.OwnershipClaim;
import io.mailbridge.consumer.MailboxCursor;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.LedgerCursor;
import io.mailbridge.delivery.MessageKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One account's {@link DeliveryLedger} in the shared PostgreSQL ledger. Every write is one statement fenced by the
 * claim under which this node owns the account, and throws {@link NotOwnerException}, changing nothing, once another
 * node took the account's bucket. Delivered records and high-water marks commit without waiting for the disk (they
 * survive a crash of mailbridge) and {@link #sync()} makes them durable with one synchronous commit; failures,
 * quarantines and cursor starts are durable at once.
 */
public final class JdbcDeliveryLedger implements DeliveryLedger {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDeliveryLedger.class);

    private final String account;
    private final LedgerDatabase database;
    private final LedgerStatements sql;
    private final Fencing fencing;
    private final DeliveryRows rows;
    private final AccountOwnership ownership;
    private final String node;
    private final AtomicBoolean unsynced = new AtomicBoolean();

    JdbcDeliveryLedger(String account, LedgerDatabase database, LedgerStatements sql, AccountOwnership ownership,
                       String node) {
        this.account = account;
        this.database = database;
        this.sql = sql;
        this.fencing = new Fencing(sql);
        this.rows = new DeliveryRows(database, sql);
        this.ownership = ownership;
        this.node = node;
    }

    @Override
    public void assertOwner() {
        OwnershipClaim claim = claim();
        database.call(() -> "check that this node still owns account '" + account + "'", connection -> {
            fencing.check(connection, account, claim);
            return null;
        });
    }

    @Override
    public boolean isDelivered(MessageKey key) {
        return rows.read(key).state() == DeliveryRow.State.DELIVERED;
    }

    @Override
    public Set<Long> delivered(String account, String mailbox, long uidValidity, long[] uids) {
        return database.call(() -> "read which of " + uids.length + " messages of account '" + account
                + "' were delivered", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.deliveredAmong)) {
                select.setString(1, account);
                select.setString(2, mailbox);
                select.setLong(3, uidValidity);
                select.setArray(4, connection.createArrayOf("bigint", LongStream.of(uids).boxed().toArray()));
                Set<Long> delivered = new HashSet<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        delivered.add(result.getLong(1));
                    }
                }
                return delivered;
            }
        });
    }

    @Override
    public boolean isQuarantined(MessageKey key) {
        return rows.recentOrRead(key).state() == DeliveryRow.State.QUARANTINED;
    }

    @Override
    public int failures(MessageKey key) {
        return rows.recentOrRead(key).failures();
    }

    @Override
    public String lastFailure(MessageKey key) {
        return rows.recentOrRead(key).lastFailure();
    }

    @Override
    public void recordDelivered(MessageKey key) {
        OwnershipClaim claim = claim();
        rows.forget();
        database.call(() -> "record " + key + " as delivered", connection -> {
            if (write(connection, sql.delivered, claim, key, node) == 0) {
                warnDeliveredTwice(connection, key);
            }
            return null;
        });
        unsynced.set(true);
    }

    /** One synchronous commit, fenced like the writes, that flushes the server's log past every commit before it. */
    @Override
    public void sync() {
        if (!unsynced.getAndSet(false)) {
            return;
        }
        try {
            OwnershipClaim claim = claim();
            database.durably(() -> "make the deliveries of account '" + account + "' durable", connection -> {
                try (PreparedStatement lock = connection.prepareStatement(sql.lockOwner)) {
                    lock.setString(1, claim.bucket());
                    lock.setLong(2, claim.epoch());
                    try (ResultSet result = lock.executeQuery()) {
                        if (!result.next()) {
                            throw fencing.refused(connection, account, claim);
                        }
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            unsynced.set(true);
            throw e;
        }
    }

    @Override
    public int recordFailure(MessageKey key, String reason) {
        OwnershipClaim claim = claim();
        rows.forget();
        return (int) (long) database.durably(() -> "record a failed attempt of " + key,
                connection -> write(connection, sql.failed, claim, key, reason, node));
    }

    @Override
    public void recordQuarantined(MessageKey key) {
        OwnershipClaim claim = claim();
        rows.forget();
        database.durably(() -> "record " + key + " as quarantined",
                connection -> write(connection, sql.quarantined, claim, key, node));
    }

    @Override
    public Optional<LedgerCursor> cursor(String mailbox) {
        return database.call(() -> "read the cursor of account '" + account + "' mailbox '" + mailbox + "'",
                connection -> {
                    try (PreparedStatement select = connection.prepareStatement(sql.cursor)) {
                        select.setString(1, account);
                        select.setString(2, mailbox);
                        try (ResultSet row = select.executeQuery()) {
                            return row.next() ? Optional.of(new LedgerCursor(row.getLong(1),
                                    new MailboxCursor(row.getLong(2), row.getLong(3), row.getString(4))))
                                    : Optional.empty();
                        }
                    }
                });
    }

    @Override
    public OptionalLong uidValidity(String mailbox) {
        return cursor(mailbox).map(cursor -> OptionalLong.of(cursor.uidValidity())).orElse(OptionalLong.empty());
    }

    @Override
    public void recordStart(String mailbox, LedgerCursor start) {
        OwnershipClaim claim = claim();
        rows.forget();
        MailboxCursor cursor = start.cursor();
        database.durably(() -> "record the start of account '" + account + "' mailbox '" + mailbox + "'",
                connection -> fencing.write(connection, sql.start, account, claim, account, mailbox,
                        start.uidValidity(), cursor.highWater(), cursor.startMark(), cursor.backfill(), node));
    }

    @Override
    public void recordHighWater(String mailbox, long uidValidity, long highWater) {
        OwnershipClaim claim = claim();
        rows.forget();
        database.call(() -> "move the high-water mark of account '" + account + "' mailbox '" + mailbox + "'",
                connection -> fencing.write(connection, sql.highWater, account, claim, highWater, node, account,
                        mailbox, uidValidity, highWater));
        unsynced.set(true);
    }

    /** Nothing to release: the connections are {@link JdbcLedgers}', whose close flushes the last records. */
    @Override
    public void close() {
    }

    private OwnershipClaim claim() {
        return ownership.claim(account).orElseThrow(() -> new NotOwnerException("account '" + account
                + "' is not owned by this node: it holds no claim on the account's bucket; nothing was written"));
    }

    private long write(Connection connection, String statement, OwnershipClaim claim, MessageKey key,
                       Object... values) throws SQLException {
        Object[] all = new Object[4 + values.length];
        all[0] = key.account();
        all[1] = key.mailbox();
        all[2] = key.uidValidity();
        all[3] = key.uid();
        System.arraycopy(values, 0, all, 4, values.length);
        return fencing.write(connection, statement, account, claim, all);
    }

    private void warnDeliveredTwice(Connection connection, MessageKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.deliveredBy)) {
            select.setString(1, key.account());
            select.setString(2, key.mailbox());
            select.setLong(3, key.uidValidity());
            select.setLong(4, key.uid());
            try (ResultSet by = select.executeQuery()) {
                boolean found = by.next();
                LOG.warn("account '{}' uid {}: already recorded as delivered by node '{}' at {}: it was delivered"
                                + " twice", account, key.uid(), found ? by.getString(1) : "?",
                        found ? by.getTimestamp(2).toInstant() : "?");
            }
        }
    }
}
