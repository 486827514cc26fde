package io.mailbridge.consumer;

import io.mailbridge.consumer.imap.ImapMailbox;
import io.mailbridge.consumer.imap.UidSet;
import jakarta.mail.MessagingException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a chunk of routed messages leaves to do on the server, done in as few commands as possible once the chunk
 * is through: first every barrier the route asked for (making delivery records durable), then the account's
 * {@link SuccessAction} for the delivered messages ({@code UID STORE \Seen} by default) and one move per target
 * mailbox (quarantine). A failed exchange leaves its message untouched, to be tried again.
 */
final class BatchCommit {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommit.class);

    /** Exchange property: a {@link Runnable} that must have run before the message is flagged seen. */
    static final String BEFORE_SEEN = BatchImapConsumer.BEFORE_SEEN;

    private final List<Long> seen = new ArrayList<>();
    private final Map<String, List<Long>> moves = new LinkedHashMap<>();
    private final Set<Runnable> barriers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> exchangeIds = new ArrayList<>();

    /** Takes note of a routed exchange's outcome; returns whether it succeeded. */
    boolean record(long uid, Exchange exchange) {
        if (exchange.isFailed() || exchange.isRollbackOnly()) {
            return false;
        }
        Runnable barrier = exchange.getProperty(BEFORE_SEEN, Runnable.class);
        if (barrier != null) {
            barriers.add(barrier);
        }
        exchangeIds.add(exchange.getExchangeId());
        String moveTo = exchange.getMessage().getHeader(MailConstants.MAIL_MOVE_TO, String.class);
        if (moveTo == null) {
            seen.add(uid);
        } else {
            moves.computeIfAbsent(moveTo, target -> new ArrayList<>()).add(uid);
        }
        return true;
    }

    /** Takes note of a message delivered before (its record is durable) whose flag may not have been stored. */
    void delivered(long uid) {
        seen.add(uid);
    }

    /** Makes the delivery records durable without touching the server, as when the connection is gone. */
    void runBarriers() {
        List<Runnable> due = List.copyOf(barriers);
        barriers.clear();
        due.forEach(Runnable::run);
    }

    /** Stores the outcomes on the server; returns the ids of the exchanges whose outcome was stored. */
    List<String> apply(ImapMailbox mailbox, SuccessAction onSuccess) throws MessagingException {
        runBarriers();
        if (!seen.isEmpty()) {
            onSuccess.apply(mailbox, ascending(seen));
            seen.clear();
        }
        for (Map.Entry<String, List<Long>> move : moves.entrySet()) {
            long[] uids = ascending(move.getValue());
            mailbox.create(move.getKey());
            if (!mailbox.move(uids, move.getKey())) {
                mailbox.flagSeen(uids);
                LOG.warn("uids {} copied to mailbox '{}' and left in place, flagged seen: the server has neither MOVE"
                        + " nor UIDPLUS, and a plain EXPUNGE would also remove other clients' deleted mail",
                        UidSet.of(uids), move.getKey());
            }
        }
        moves.clear();
        List<String> committed = List.copyOf(exchangeIds);
        exchangeIds.clear();
        return committed;
    }

    private static long[] ascending(List<Long> uids) {
        return uids.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
