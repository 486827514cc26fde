package io.mailbridge.ledger;

/**
 * The shared ledger's SQL. Each write is one statement fenced by the writer's claim: it starts by locking the
 * bucket's row in {@code owners} if, and only if, the bucket's epoch is still the claim's ({@code FOR SHARE}, so a
 * node taking the bucket waits for writes in flight, and a write that waited sees the new epoch and changes
 * nothing), and its first result column says whether that held. Its parameters are the bucket and the epoch, then
 * the write's own.
 */
final class LedgerStatements {

    private static final String FENCE = "WITH owner AS (SELECT 1 FROM %s WHERE bucket = ? AND epoch = ? FOR SHARE)\n";
    private static final String KEY = "account = ? AND mailbox = ? AND uid_validity = ? AND uid = ?";

    final String owner;
    final String lockOwner;
    final String flush;
    final String read;
    final String deliveredAmong;
    final String cursor;
    final String delivered;
    final String failed;
    final String quarantined;
    final String start;
    final String highWater;
    final String deliveredBy;
    final String acquire;

    LedgerStatements(LedgerTables tables) {
        String fence = FENCE.formatted(tables.owners());
        String deliveries = tables.deliveries();
        String cursors = tables.cursors();
        owner = "SELECT epoch, node FROM " + tables.owners() + " WHERE bucket = ?";
        lockOwner = "SELECT 1 FROM " + tables.owners() + " WHERE bucket = ? AND epoch = ? FOR SHARE";
        // a row lock is logged: committed synchronously, it flushes the log past every commit before it
        flush = "SELECT 1 FROM " + tables.owners() + " LIMIT 1 FOR SHARE";
        read = "SELECT state, failures, last_failure FROM " + deliveries + " WHERE " + KEY;
        deliveredAmong = "SELECT uid FROM " + deliveries + " WHERE account = ? AND mailbox = ? AND uid_validity = ?"
                + " AND state = 'delivered' AND uid = ANY (?)";
        cursor = "SELECT uid_validity, high_water, start_mark, backfill FROM " + cursors
                + " WHERE account = ? AND mailbox = ?";
        deliveredBy = "SELECT node, updated_at FROM " + deliveries + " WHERE " + KEY;
        // (owned, 1 if this statement recorded it, 0 if it was recorded as delivered before)
        delivered = fence + """
                , written AS (
                    INSERT INTO %s AS existing (account, mailbox, uid_validity, uid, state, node)
                    SELECT ?, ?, ?, ?, 'delivered', ? WHERE EXISTS (SELECT 1 FROM owner)
                    ON CONFLICT (account, mailbox, uid_validity, uid) DO UPDATE
                        SET state = 'delivered', failures = 0, last_failure = NULL, node = excluded.node,
                            updated_at = now()
                        WHERE existing.state <> 'delivered'
                    RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM owner), (SELECT count(*) FROM written)""".formatted(deliveries);
        // (owned, failed attempts so far)
        failed = fence + """
                , written AS (
                    INSERT INTO %s AS existing (account, mailbox, uid_validity, uid, state, failures, last_failure,
                                                node)
                    SELECT ?, ?, ?, ?, 'failed', 1, ?, ? WHERE EXISTS (SELECT 1 FROM owner)
                    ON CONFLICT (account, mailbox, uid_validity, uid) DO UPDATE
                        SET failures = existing.failures + 1, last_failure = excluded.last_failure,
                            node = excluded.node, updated_at = now()
                    RETURNING failures)
                SELECT EXISTS (SELECT 1 FROM owner), (SELECT failures FROM written)""".formatted(deliveries);
        quarantined = fence + """
                , written AS (
                    INSERT INTO %s AS existing (account, mailbox, uid_validity, uid, state, node)
                    SELECT ?, ?, ?, ?, 'quarantined', ? WHERE EXISTS (SELECT 1 FROM owner)
                    ON CONFLICT (account, mailbox, uid_validity, uid) DO UPDATE
                        SET state = 'quarantined', node = excluded.node, updated_at = now()
                    RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM owner), (SELECT count(*) FROM written)""".formatted(deliveries);
        // the records of the mailbox's other UIDVALIDITYs no longer identify any message
        start = fence + """
                , written AS (
                    INSERT INTO %1$s AS existing (account, mailbox, uid_validity, high_water, start_mark, backfill,
                                                  node)
                    SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM owner)
                    ON CONFLICT (account, mailbox) DO UPDATE
                        SET uid_validity = excluded.uid_validity, high_water = excluded.high_water,
                            start_mark = excluded.start_mark, backfill = excluded.backfill, node = excluded.node,
                            updated_at = now()
                    RETURNING account, mailbox, uid_validity)
                , forgotten AS (
                    DELETE FROM %2$s AS old USING written
                    WHERE old.account = written.account AND old.mailbox = written.mailbox
                      AND old.uid_validity <> written.uid_validity)
                SELECT EXISTS (SELECT 1 FROM owner), (SELECT count(*) FROM written)""".formatted(cursors, deliveries);
        // the records at or below the new high-water mark are settled: nothing will ask for them again
        highWater = fence + """
                , moved AS (
                    UPDATE %1$s SET high_water = ?, node = ?, updated_at = now()
                    WHERE account = ? AND mailbox = ? AND uid_validity = ? AND high_water < ?
                      AND EXISTS (SELECT 1 FROM owner)
                    RETURNING account, mailbox, uid_validity, high_water)
                , settled AS (
                    DELETE FROM %2$s AS old USING moved
                    WHERE old.account = moved.account AND old.mailbox = moved.mailbox
                      AND old.uid_validity = moved.uid_validity AND old.uid <= moved.high_water)
                SELECT EXISTS (SELECT 1 FROM owner), (SELECT count(*) FROM moved)""".formatted(cursors, deliveries);
        acquire = """
                INSERT INTO %s AS existing (bucket, epoch, node) VALUES (?, 1, ?)
                ON CONFLICT (bucket) DO UPDATE
                    SET epoch = existing.epoch + 1, node = excluded.node, acquired_at = now()
                RETURNING epoch""".formatted(tables.owners());
    }
}
