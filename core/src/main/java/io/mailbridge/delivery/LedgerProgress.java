package io.mailbridge.delivery;

import io.mailbridge.account.StartPolicy;
import io.mailbridge.consumer.MailboxCursor;
import io.mailbridge.consumer.MailboxProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An account mailbox's progress kept in its {@link DeliveryLedger}: the cursor, started the first time by the
 * account's {@link StartPolicy} and restarted, taking the unseen mail, when the server rebuilt the mailbox (or the
 * ledger was written by a version that tracked only {@code \Seen}); delivered keys; and the {@link RetrySchedule}.
 */
public final class LedgerProgress implements MailboxProgress {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerProgress.class);
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ROOT);

    private final String account;
    private final String mailbox;
    private final StartPolicy startPolicy;
    private final DeliveryLedger ledger;
    private final RetrySchedule retries;

    public LedgerProgress(String account, String mailbox, StartPolicy startPolicy, DeliveryLedger ledger,
                          RetrySchedule retries) {
        this.account = account;
        this.mailbox = mailbox;
        this.startPolicy = startPolicy;
        this.ledger = ledger;
        this.retries = retries;
    }

    @Override
    public MailboxCursor cursor(long uidValidity, long highestUid) {
        Optional<LedgerCursor> known = ledger.cursor(mailbox);
        if (known.isPresent() && known.get().uidValidity() == uidValidity) {
            return known.get().cursor();
        }
        OptionalLong recorded = ledger.uidValidity(mailbox);
        MailboxCursor start;
        if (recorded.isPresent() && recorded.getAsLong() != uidValidity) {
            start = new MailboxCursor(0, highestUid, "UNSEEN");
            LOG.warn("account '{}' mailbox '{}': UIDVALIDITY changed from {} to {}: the server rebuilt the mailbox;"
                            + " its unseen messages (UID up to {}) will be delivered again under their new identity",
                    account, mailbox, recorded.getAsLong(), uidValidity, highestUid);
        } else if (recorded.isPresent()) {
            start = new MailboxCursor(0, highestUid, "UNSEEN");
            LOG.info("account '{}' mailbox '{}': now tracked by UID: the unseen messages up to UID {} are consumed,"
                    + " then every message that arrives, seen or not", account, mailbox, highestUid);
        } else {
            start = first(highestUid);
            LOG.info("account '{}' mailbox '{}': first start (start: {}): {}", account, mailbox, startPolicy,
                    start.highWater() == highestUid
                            ? "consuming the messages that arrive from now on (UID above " + highestUid + ")"
                            : "consuming the messages up to UID " + highestUid + " that match " + start.backfill()
                            + ", then every message that arrives");
        }
        ledger.recordStart(mailbox, new LedgerCursor(uidValidity, start));
        return start;
    }

    @Override
    public Set<Long> delivered(long uidValidity, long[] uids) {
        return ledger.delivered(account, mailbox, uidValidity, uids);
    }

    @Override
    public boolean isWaiting(long uidValidity, long uid) {
        return retries.isWaiting(key(uidValidity, uid));
    }

    @Override
    public void advance(long uidValidity, long highWater) {
        ledger.recordHighWater(mailbox, uidValidity, highWater);
    }

    private MailboxCursor first(long highestUid) {
        Optional<String> since = startPolicy.since().map(day -> "SINCE " + IMAP_DATE.format(day));
        return switch (startPolicy.start()) {
            case NEW -> new MailboxCursor(highestUid, highestUid, "ALL");
            case UNSEEN -> new MailboxCursor(0, highestUid, "UNSEEN" + since.map(key -> " " + key).orElse(""));
            case ALL -> new MailboxCursor(0, highestUid, since.orElse("ALL"));
        };
    }

    private MessageKey key(long uidValidity, long uid) {
        return new MessageKey(account, mailbox, uidValidity, uid);
    }
}
