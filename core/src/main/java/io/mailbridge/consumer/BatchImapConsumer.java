package io.mailbridge.consumer;

import io.mailbridge.account.IdleMode;
import io.mailbridge.consumer.imap.ChunkRetrieval;
import io.mailbridge.consumer.imap.ImapMailbox;
import io.mailbridge.consumer.imap.RetrievedChunk;
import io.mailbridge.imap.ImapSessionFactory;
import io.mailbridge.poll.PollPacing;
import io.mailbridge.poll.WatchedPollScheduler;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An imap/imaps consumer that drains a mailbox by UID, in few round trips and whatever the {@code \Seen} flags say:
 * per poll the {@link PendingUids} above the mailbox's {@link MailboxCursor}, then per chunk one {@code UID FETCH}
 * of facts, whole bodies of small messages in one {@code UID FETCH}, large ones in ranges streamed to the spool
 * ({@link ChunkRetrieval}), and one {@code UID STORE} flagging seen the messages whose exchange completed, after
 * which the cursor's high-water mark moves past them. The next chunk is fetched (on the component's fetch pool)
 * while this one is routed. Chunks shrink after a lost connection and grow back ({@link ChunkSizing}), so a flaky
 * link still makes progress. The mailbox stays open between polls; any IMAP failure closes it and fails the poll,
 * so the next one starts over on a new connection. Messages are routed one at a time on the poll thread, each a
 * {@link RetrievedMail} whose raw bytes are spooled before it starts and deleted when its chunk is done.
 */
public final class BatchImapConsumer extends ScheduledBatchPollingConsumer {

    /** Exchange property: a {@link Runnable} that must have run before the message is flagged seen. */
    public static final String BEFORE_SEEN = "mailbridge.beforeSeen";

    private static final Logger LOG = LoggerFactory.getLogger(BatchImapConsumer.class);

    private final MailConfiguration configuration;
    private final Session session;
    private final ChunkRetrieval retrieval;
    private final ExecutorService fetcher;
    private final BatchImapComponent component;
    private final MailboxProgress progress;
    private final ChunkSizing sizing = new ChunkSizing(ChunkRetrieval.CHUNK_MESSAGES);
    private final MailboxPolicy policy;
    private volatile IdleWatcher idleWatcher;
    private ImapMailbox mailbox;
    private SuccessAction onSuccess;
    private volatile boolean leftBehind;
    private volatile boolean woken;
    private final AtomicBoolean firstPollDue = new AtomicBoolean();

    BatchImapConsumer(BatchImapEndpoint endpoint, Processor processor, Session session,
                      BatchImapComponent component) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.session = session;
        this.component = component;
        this.progress = endpoint.getProgress();
        this.policy = endpoint.getPolicy() == null ? MailboxPolicy.DEFAULT : endpoint.getPolicy();
        this.retrieval = new ChunkRetrieval(component.spool(), component.preparer(), this::owner);
        this.fetcher = component.fetchPool();
    }

    /** Whether an endpoint asks for nothing but what this consumer does: peek at mail by UID, flag it seen. */
    static boolean supports(BatchImapEndpoint endpoint) {
        MailConfiguration configuration = endpoint.getConfiguration();
        return endpoint.getProgress() != null && configuration.getProtocol().startsWith("imap")
                && configuration.isPeek() && !configuration.isMapMailMessage()
                && !configuration.isDelete() && configuration.getMoveTo() == null
                && configuration.getCopyTo() == null && configuration.getFetchSize() == -1
                && !configuration.isSkipFailedMessage()
                && endpoint.getSearchTerm() == null && endpoint.getSortTerm() == null
                && endpoint.getIdempotentRepository() == null && endpoint.getPostProcessAction() == null;
    }

    @Override
    protected int poll() throws Exception {
        shutdownRunningTask = null;
        pendingExchanges = 0;
        leftBehind = false;
        if (!component.awaitContextStarted(this::isRunAllowed)) {
            return 0;
        }
        try {
            return pollMailbox();
        } finally {
            firstPollEnded();
        }
    }

    private int pollMailbox() throws Exception {
        ImapMailbox open;
        boolean reused = mailbox != null;
        try {
            open = connected();
            if (idleWatcher != null) {
                idleWatcher.pollLoggedIn();
            }
            if (woken && reused) {
                // the server tells this connection of mail that came since its last command only when asked
                open.noop();
            }
            woken = false;
        } catch (MessagingException | RuntimeException e) {
            disconnect();
            throw e;
        }
        forceConsumerAsReady();
        try {
            long uidValidity = open.uidValidity();
            long highest = open.highestUid();
            MailboxCursor cursor = progress.cursor(uidValidity, highest);
            int limit = getMaxMessagesPerPoll() > 0 ? getMaxMessagesPerPoll() : Integer.MAX_VALUE;
            PendingUids pending = PendingUids.find(open, cursor, highest, limit, sizing.searchSpan(), policy.filter());
            leftBehind = !pending.complete();
            if (pending.isEmpty() && pending.coveredUpTo() > cursor.highWater()) {
                progress.advance(uidValidity, pending.coveredUpTo());
            }
            return pending.isEmpty() ? 0 : drain(open, uidValidity, cursor, pending);
        } catch (MessagingException | IOException | RuntimeException e) {
            sizing.connectionLost();
            disconnect();
            throw e;
        }
    }

    /**
     * Polls again at once only while a poll leaves mail behind (more than a poll's worth was waiting, or a message
     * failed, which {@link io.mailbridge.poll.PollPacing} then paces): after a poll that delivered everything up to the
     * mailbox's highest UID, another would only search again, round trips that a thousand accounts starting at once
     * pay on a busy pool; mail that came meanwhile waits for the next interval.
     */
    @Override
    public boolean isGreedy() {
        return super.isGreedy() && leftBehind;
    }

    @Override
    protected void doBuild() throws Exception {
        if (getHealthCheck() == null) {
            setHealthCheck(new BatchConsumerHealthCheck(this));
        }
        super.doBuild();
    }

    /** Asks for a poll at once, as the IDLE watcher does when the server reports new mail. */
    void wake() {
        woken = true;
        if (getScheduledExecutorService() instanceof WatchedPollScheduler scheduler) {
            scheduler.pollSoon();
        }
    }

    /**
     * Asks for a poll at once because the IDLE watcher has just logged in again: the server is reachable, so a wait
     * after failed connections ends (one after rejected logins stays), and mail that came meanwhile is delivered.
     */
    void serverReachable() {
        if (getPollStrategy() instanceof PollPacing pacing) {
            pacing.serverReachable();
        }
        wake();
    }

    /** What IMAP IDLE does for this consumer, for its health check. */
    String idleState() {
        return idleWatcher == null ? "off" : idleWatcher.state();
    }

    /** Why the last poll failed; null if it worked. */
    Throwable lastPollError() {
        return getLastError();
    }

    @Override
    public int processBatch(Queue<Object> exchanges) {
        throw new UnsupportedOperationException("messages are routed as they are fetched");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (((BatchImapEndpoint) getEndpoint()).getIdle() != IdleMode.OFF) {
            if (idleWatcher == null) {
                idleWatcher = new IdleWatcher(ImapSessionFactory.forIdle(session, configuration.getProtocol()),
                        configuration, component.idleWatching(), component.firstPolls(), Duration.ofMillis(getDelay()),
                        this::wake, this::serverReachable, this::owner);
            }
            idleWatcher.start();
        }
        if (firstPollDue.compareAndSet(false, true)) {
            component.firstPolls().expect();
        }
    }

    private void firstPollEnded() {
        if (firstPollDue.compareAndSet(true, false)) {
            component.firstPolls().done();
        }
    }

    @Override
    protected void doStop() throws Exception {
        firstPollEnded();
        if (idleWatcher != null) {
            idleWatcher.stop();
        }
        super.doStop();
        disconnect();
    }

    private int drain(ImapMailbox open, long uidValidity, MailboxCursor cursor, PendingUids pending)
            throws Exception {
        HighWater highWater = new HighWater(pending, cursor.highWater());
        BatchCommit commit = new BatchCommit();
        Deque<Long> toFetch = new ArrayDeque<>();
        Set<Long> delivered = progress.delivered(uidValidity, pending.uids());
        for (long uid : pending.uids()) {
            if (delivered.contains(uid)) {
                commit.delivered(uid);
                highWater.settled(uid);
            } else if (!progress.isWaiting(uidValidity, uid)) {
                toFetch.add(uid);
            }
        }
        int backlog = pending.uids().length;
        int routed = 0;
        Future<RetrievedChunk> next = toFetch.isEmpty() ? null
                : CompletableFuture.completedFuture(retrieve(open, nextChunk(toFetch), uidValidity, backlog));
        try {
            do {
                RetrievedChunk retrieved = next == null ? null : await(next);
                if (!toFetch.isEmpty() && isBatchAllowed()) {
                    long[] following = nextChunk(toFetch);
                    next = fetcher.submit(() -> retrieve(open, following, uidValidity, backlog));
                } else {
                    next = null;
                }
                if (retrieved != null) {
                    routed += route(retrieved, routed, backlog, commit, highWater);
                }
                List<String> committed = commit.apply(open, onSuccess);
                if (!committed.isEmpty()) {
                    getEndpoint().getCamelContext().getManagementStrategy()
                            .notify(new MailCommittedEvent(getRouteId(), committed));
                }
                long mark = highWater.advance();
                if (mark >= 0) {
                    progress.advance(uidValidity, mark);
                }
                sizing.chunkCommitted();
            } while (next != null && isBatchAllowed());
        } catch (Exception e) {
            try {
                commit.runBarriers();
            } catch (RuntimeException barrier) {
                e.addSuppressed(barrier);
            }
            throw e;
        } finally {
            if (next != null) {
                discard(next);
            }
        }
        return routed;
    }

    /** Routes a fetched chunk's messages in UID order; returns how many were routed. */
    private int route(RetrievedChunk chunk, int routedBefore, int backlog, BatchCommit commit, HighWater highWater) {
        int routed = 0;
        try {
            Set<Long> present = new HashSet<>();
            for (RetrievedMail mail : chunk.mails()) {
                present.add(mail.uid());
                if (!isBatchAllowed()) {
                    return routed;
                }
                pendingExchanges = Math.max(0, backlog - routedBefore - routed - 1);
                if (route(mail, routedBefore + routed++, backlog, commit)) {
                    highWater.settled(mail.uid());
                }
            }
            for (long uid : chunk.asked()) {
                if (!present.contains(uid)) {
                    highWater.settled(uid);
                }
            }
            return routed;
        } finally {
            chunk.mails().forEach(ChunkRetrieval::delete);
        }
    }

    /** Takes the next chunk's UIDs off the queue, as many as the link currently allows. */
    private long[] nextChunk(Deque<Long> toFetch) {
        long[] uids = new long[Math.min(sizing.messages(), toFetch.size())];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = toFetch.poll();
        }
        return uids;
    }

    private RetrievedChunk retrieve(ImapMailbox open, long[] uids, long uidValidity, int backlog)
            throws MessagingException, IOException {
        int rangeBytes = (int) sizing.scaled(ChunkRetrieval.RANGE_BYTES, ChunkRetrieval.MIN_RANGE_BYTES);
        return retrieval.retrieve(open, uids, uidValidity, backlog, rangeBytes);
    }

    /** The prefetched chunk, or the failure that stopped its retrieval. */
    private static RetrievedChunk await(Future<RetrievedChunk> prefetch) throws Exception {
        try {
            return prefetch.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Waits for a prefetch nobody will route (the poll is ending) and deletes what it spooled. */
    private static void discard(Future<RetrievedChunk> prefetch) {
        try {
            prefetch.get().mails().forEach(ChunkRetrieval::delete);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("prefetch of an unrouted chunk failed", e.getCause());
        }
    }

    /** Routes one message; returns whether its exchange succeeded. */
    private boolean route(RetrievedMail mail, int index, int total, BatchCommit commit) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(mail);
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            boolean delivered = commit.record(mail.uid(), exchange);
            if (!delivered) {
                leftBehind = true;
                LOG.debug("uid {} not delivered; it will be tried again", mail.uid(), exchange.getException());
            }
            return delivered;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private ImapMailbox connected() throws MessagingException {
        if (mailbox != null && mailbox.isOpen()) {
            // an access token's login is renewed while the connection is quiet: a server may end the session
            // when the token expires, in the middle of the next poll
            if (!mailbox.loginExpiring(Instant.now().plusMillis(getDelay()))) {
                return mailbox;
            }
            LOG.debug("{}: reconnecting, the access token of the login is due for renewal", owner());
        }
        disconnect();
        PasswordAuthentication login = configuration.getPasswordAuthentication();
        mailbox = ImapMailbox.open(session, configuration.getProtocol(), configuration.getHost(),
                configuration.getPort(), login.getUserName(), login.getPassword(), configuration.getFolderName());
        onSuccess = SuccessAction.prepare(mailbox, policy.onSuccess(), configuration.getHost());
        return mailbox;
    }

    private void disconnect() {
        if (mailbox != null) {
            mailbox.close();
            mailbox = null;
        }
    }

    private String owner() {
        return getRouteId() == null ? "consumer" : getRouteId();
    }
}
