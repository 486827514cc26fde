package io.mailbridge.consumer;

import io.mailbridge.message.RawMessageSpool;
import io.mailbridge.message.SpoolWriter;
import io.mailbridge.message.SpooledMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.eclipse.angus.mail.iap.ByteArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An imap/imaps consumer that drains a mailbox in few round trips: per poll one {@code UID SEARCH UNSEEN}, one
 * {@code UID FETCH} of the batch's facts, whole bodies of small messages a chunk at a time in one {@code UID
 * FETCH}, large ones in 1 MiB ranges streamed to the spool, and per chunk one {@code UID STORE} flagging seen the
 * messages whose exchange completed. The next chunk is fetched (on the component's fetch pool) while this one is
 * routed. The mailbox stays open between polls; any IMAP failure closes it and fails the poll, so the next one
 * starts over on a new connection. Messages are routed one at a time on the poll thread, each a
 * {@link RetrievedMail} whose raw bytes are spooled before it starts and deleted when its chunk is done.
 */
public final class BatchImapConsumer extends ScheduledBatchPollingConsumer {

    /** Exchange property: a {@link Runnable} that must have run before the message is flagged seen. */
    public static final String BEFORE_SEEN = "mailbridge.beforeSeen";

    static final long SMALL_MESSAGE_BYTES = 256 * 1024;
    static final long CHUNK_BYTES = 1024 * 1024;
    static final int CHUNK_MESSAGES = 50;
    static final int RANGE_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BatchImapConsumer.class);

    private final MailConfiguration configuration;
    private final Session session;
    private final RawMessageSpool spool;
    private final ExecutorService fetcher;
    private final BatchImapComponent component;
    private ImapMailbox mailbox;

    BatchImapConsumer(MailEndpoint endpoint, Processor processor, Session session, BatchImapComponent component) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.session = session;
        this.component = component;
        this.spool = component.spool();
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
        List<List<MessageFacts>> chunks = chunks(batch);
        BatchCommit commit = new BatchCommit();
        int routed = 0;
        Future<List<RetrievedMail>> next = CompletableFuture.completedFuture(
                retrieve(open, chunks.get(0), uidValidity, unseen));
        try {
            for (int chunk = 0; chunk < chunks.size() && isBatchAllowed(); chunk++) {
                List<RetrievedMail> retrieved = await(next);
                next = null;
                if (chunk + 1 < chunks.size()) {
                    List<MessageFacts> following = chunks.get(chunk + 1);
                    next = fetcher.submit(() -> retrieve(open, following, uidValidity, unseen));
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
                    retrieved.forEach(BatchImapConsumer::delete);
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
    private static List<RetrievedMail> await(Future<List<RetrievedMail>> retrieval) throws Exception {
        try {
            return retrieval.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Waits for a prefetch nobody will route (the poll is ending) and deletes what it spooled. */
    private static void discard(Future<List<RetrievedMail>> retrieval) {
        try {
            retrieval.get().forEach(BatchImapConsumer::delete);
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

    /** Consecutive small messages up to a size and count, or one large message alone. */
    private static List<List<MessageFacts>> chunks(List<MessageFacts> batch) {
        List<List<MessageFacts>> chunks = new ArrayList<>();
        List<MessageFacts> current = new ArrayList<>();
        long bytes = 0;
        for (MessageFacts facts : batch) {
            boolean large = facts.size() < 0 || facts.size() > SMALL_MESSAGE_BYTES;
            if (!current.isEmpty() && (large || bytes + facts.size() > CHUNK_BYTES
                    || current.size() == CHUNK_MESSAGES)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(facts);
            bytes += Math.max(facts.size(), 0);
            if (large) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private List<RetrievedMail> retrieve(ImapMailbox open, List<MessageFacts> chunk, long uidValidity, int unseen)
            throws MessagingException, IOException {
        List<RetrievedMail> retrieved = new ArrayList<>(chunk.size());
        try {
            MessageFacts first = chunk.get(0);
            if (chunk.size() == 1 && (first.size() < 0 || first.size() > SMALL_MESSAGE_BYTES)) {
                RetrievedMail large = streamed(open, first, uidValidity, unseen);
                if (large != null) {
                    retrieved.add(large);
                }
                return retrieved;
            }
            Map<Long, MessageFacts> byUid = new HashMap<>();
            chunk.forEach(facts -> byUid.put(facts.uid(), facts));
            long[] uids = chunk.stream().mapToLong(MessageFacts::uid).toArray();
            for (ImapMailbox.FetchedBody body : open.bodies(uids)) {
                MessageFacts facts = byUid.get(body.uid());
                if (facts != null) {
                    ByteArray bytes = body.bytes();
                    SpooledMessage raw = spool.write(owner(), facts.uid(), bytes.getBytes(), bytes.getStart(),
                            bytes.getCount());
                    retrieved.add(new RetrievedMail(facts.uid(), uidValidity, facts.receivedAt(), bytes.getCount(),
                            unseen, raw, null).prepared(component.preparer()));
                }
            }
            retrieved.sort((left, right) -> Long.compare(left.uid(), right.uid()));
            return retrieved;
        } catch (MessagingException | IOException | RuntimeException e) {
            retrieved.forEach(BatchImapConsumer::delete);
            throw e;
        }
    }

    /** A large message, fetched range by range straight into its spool file; null once expunged. */
    private RetrievedMail streamed(ImapMailbox open, MessageFacts facts, long uidValidity, int unseen)
            throws MessagingException, IOException {
        try (SpoolWriter writer = spool.open(owner(), facts.uid())) {
            int received;
            do {
                ByteArray range = open.bodyRange(facts.uid(), writer.size(), RANGE_BYTES);
                received = range.getCount();
                writer.write(range.getBytes(), range.getStart(), received);
            } while (received == RANGE_BYTES);
            if (writer.size() == 0) {
                return null;
            }
            long size = writer.size();
            return new RetrievedMail(facts.uid(), uidValidity, facts.receivedAt(), size, unseen, writer.finish(), null)
                    .prepared(component.preparer());
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

    private static void delete(RetrievedMail mail) {
        try {
            mail.raw().close();
        } catch (IOException e) {
            LOG.warn("cannot delete spool file {}: {}", mail.raw().file(), e.getMessage());
        }
    }
}
