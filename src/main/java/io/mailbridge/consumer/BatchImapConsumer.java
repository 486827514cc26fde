package io.mailbridge.consumer;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An imap/imaps consumer that drains a mailbox in few round trips: per poll one {@code UID SEARCH UNSEEN}, one
 * {@code UID FETCH} of the batch's facts, whole bodies of small messages a chunk at a time in one {@code UID
 * FETCH}, large ones in 1 MiB ranges streamed to the spool ({@link ChunkRetrieval}), and per chunk one {@code UID
 * STORE} flagging seen the messages whose exchange completed. The next chunk is fetched (on the component's fetch
 * pool) while this one is routed. The mailbox stays open between polls; any IMAP failure closes it and fails the
 * poll, so the next one starts over on a new connection. Messages are routed one at a time on the poll thread, each
 * a {@link RetrievedMail} whose raw bytes are spooled before it starts and deleted when its chunk is done.
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
    private ImapMailbox mailbox;

    BatchImapConsumer(MailEndpoint endpoint, Processor processor, Session session, BatchImapComponent component) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.session = session;
        this.component = component;
        this.retrieval = new ChunkRetrieval(component.spool(), component.preparer(), this::owner);
        this.fetcher = component.fetchPool();
    }

    /** Whether an endpoint asks for nothing but what this consumer does: peek at unseen mail, flag it seen. */
    static boolean supports(MailEndpoint endpoint) {
        MailConfiguration configuration = endpoint.getConfiguration();
        return configuration.getProtocol().startsWith("imap")
                && configuration.isPeek() && configuration.isUnseen() && !configuration.isMapMailMessage()
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
        if (!component.awaitContextStarted(this::isRunAllowed)) {
            return 0;
        }
        try {
            ImapMailbox open = connected();
            forceConsumerAsReady();
            long[] unseen = open.unseenUids();
            if (unseen.length == 0) {
                return 0;
            }
            int limit = getMaxMessagesPerPoll() > 0 ? Math.min(getMaxMessagesPerPoll(), unseen.length) : unseen.length;
            List<MessageFacts> batch = open.facts(Arrays.copyOf(unseen, limit)).stream()
                    .filter(facts -> !facts.seen() && !facts.deleted())
                    .toList();
            return drain(open, batch, unseen.length);
        } catch (MessagingException | IOException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    @Override
    protected void doBuild() throws Exception {
        if (getHealthCheck() == null) {
            setHealthCheck(new BatchConsumerHealthCheck(this));
        }
        super.doBuild();
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
    protected void doStop() throws Exception {
        super.doStop();
        disconnect();
    }

    private int drain(ImapMailbox open, List<MessageFacts> batch, int unseen) throws Exception {
        long uidValidity = open.uidValidity();
        List<List<MessageFacts>> chunks = ChunkRetrieval.chunks(batch);
        BatchCommit commit = new BatchCommit();
        int routed = 0;
        Future<List<RetrievedMail>> next = CompletableFuture.completedFuture(
                retrieval.retrieve(open, chunks.get(0), uidValidity, unseen));
        try {
            for (int chunk = 0; chunk < chunks.size() && isBatchAllowed(); chunk++) {
                List<RetrievedMail> retrieved = await(next);
                next = null;
                if (chunk + 1 < chunks.size()) {
                    List<MessageFacts> following = chunks.get(chunk + 1);
                    next = fetcher.submit(() -> retrieval.retrieve(open, following, uidValidity, unseen));
                }
                try {
                    for (RetrievedMail mail : retrieved) {
                        if (!isBatchAllowed()) {
                            break;
                        }
                        pendingExchanges = batch.size() - routed - 1;
                        route(mail, routed++, batch.size(), commit);
                    }
                } finally {
                    retrieved.forEach(ChunkRetrieval::delete);
                }
                List<String> committed = commit.apply(open);
                if (!committed.isEmpty()) {
                    getEndpoint().getCamelContext().getManagementStrategy()
                            .notify(new MailCommittedEvent(getRouteId(), committed));
                }
            }
        } finally {
            if (next != null) {
                discard(next);
            }
        }
        return routed;
    }

    /** The prefetched chunk, or the failure that stopped its retrieval. */
    private static List<RetrievedMail> await(Future<List<RetrievedMail>> prefetch) throws Exception {
        try {
            return prefetch.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Waits for a prefetch nobody will route (the poll is ending) and deletes what it spooled. */
    private static void discard(Future<List<RetrievedMail>> prefetch) {
        try {
            prefetch.get().forEach(ChunkRetrieval::delete);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("prefetch of an unrouted chunk failed", e.getCause());
        }
    }

    private void route(RetrievedMail mail, int index, int total, BatchCommit commit) {
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
            if (!commit.record(mail.uid(), exchange)) {
                LOG.debug("uid {} not delivered; it stays unseen", mail.uid(), exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private ImapMailbox connected() throws MessagingException {
        if (mailbox != null && mailbox.isOpen()) {
            return mailbox;
        }
        disconnect();
        PasswordAuthentication login = configuration.getPasswordAuthentication();
        mailbox = ImapMailbox.open(session, configuration.getProtocol(), configuration.getHost(),
                configuration.getPort(), login.getUserName(), login.getPassword(), configuration.getFolderName());
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
