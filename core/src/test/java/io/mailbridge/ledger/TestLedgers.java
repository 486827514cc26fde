package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.ownership.OwnershipClaim;
import io.mailbridge.consumer.MailboxCursor;
import io.mailbridge.delivery.LedgerCursor;
import io.mailbridge.support.PostgresServer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Shared ledgers on a test's own database, as the nodes of a cluster would open them. */
final class TestLedgers {

    private TestLedgers() {
    }

    /** The ledgers of node {@code node} on the database at {@code url}, tables mailbridge_*. */
    static JdbcLedgers open(PostgresServer postgres, String url, String node) {
        return open(postgres, url, node, "", "mailbridge_");
    }

    static JdbcLedgers open(PostgresServer postgres, String url, String node, String schema, String prefix) {
        return JdbcLedgers.open(new LedgerSettings(url, PostgresServer.USER, 4, Duration.ofSeconds(2), schema, prefix,
                node), postgres::password);
    }

    /** An ownership that holds the claim set last (none while it is null) for every account. */
    static AccountOwnership claimOf(AtomicReference<OwnershipClaim> claim) {
        return account -> Optional.ofNullable(claim.get());
    }

    /** A cursor that takes every message of the mailbox with this UIDVALIDITY. */
    static LedgerCursor startedAt(long uidValidity) {
        return new LedgerCursor(uidValidity, new MailboxCursor(0, 0, "ALL"));
    }
}
