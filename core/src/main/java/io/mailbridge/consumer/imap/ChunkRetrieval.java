package io.mailbridge.consumer.imap;

import io.mailbridge.consumer.MailPreparer;
import io.mailbridge.consumer.RetrievedMail;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.ByteArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fetches a chunk of UIDs into the spool: first their facts (size, flags, arrival) in one {@code UID FETCH}, then the
 * small messages together in one {@code UID FETCH} of up to {@value #CHUNK_BYTES} bytes, each mapped ahead of routing,
 * and a large one alone, range by range straight to disk, left for the route to map after its delivery gate.
 */
public final class ChunkRetrieval {

    static final long SMALL_MESSAGE_BYTES = 256 * 1024;
    static final long CHUNK_BYTES = 1024 * 1024;
    public static final int CHUNK_MESSAGES = 50;
    /**
     * Under half a G1 region of the smallest size (1 MiB, any heap below 2 GiB), Angus' response buffer included: a
     * range of 1 MiB made every buffer a humongous allocation, which at -Xmx64m more than doubled the GC pauses.
     */
    public static final int RANGE_BYTES = 480 * 1024;
    public static final int MIN_RANGE_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ChunkRetrieval.class);

    private final RawMessageSpool spool;
    private final MailPreparer preparer;
    private final Supplier<String> owner;

    /** @param owner the spool directory's owner: the consumer's route id, known only once the route is built */
    public ChunkRetrieval(RawMessageSpool spool, MailPreparer preparer, Supplier<String> owner) {
        this.spool = spool;
        this.preparer = preparer;
        this.owner = owner;
    }

    /** Consecutive small messages up to a size and count, or one large message alone. */
    static List<List<MessageFacts>> chunks(List<MessageFacts> batch) {
        List<List<MessageFacts>> chunks = new ArrayList<>();
        List<MessageFacts> current = new ArrayList<>();
        long bytes = 0;
        for (MessageFacts facts : batch) {
            boolean large = isLarge(facts);
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

    /**
     * Fetches the facts of the messages, then those still in the mailbox and not deleted, spooled and prepared, in
     * UID order; large ones are streamed in ranges of {@code rangeBytes}.
     */
    public RetrievedChunk retrieve(ImapMailbox open, long[] uids, long uidValidity, int backlog, int rangeBytes)
            throws MessagingException, IOException {
        List<MessageFacts> present = open.facts(uids).stream().filter(facts -> !facts.deleted()).toList();
        List<RetrievedMail> retrieved = new ArrayList<>(present.size());
        try {
            for (List<MessageFacts> chunk : chunks(present)) {
                retrieved.addAll(retrieve(open, chunk, uidValidity, backlog, rangeBytes));
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            retrieved.forEach(ChunkRetrieval::delete);
            throw e;
        }
        retrieved.sort((left, right) -> Long.compare(left.uid(), right.uid()));
        return new RetrievedChunk(uids, retrieved);
    }

    private List<RetrievedMail> retrieve(ImapMailbox open, List<MessageFacts> chunk, long uidValidity, int backlog,
                                         int rangeBytes) throws MessagingException, IOException {
        List<RetrievedMail> retrieved = new ArrayList<>(chunk.size());
        try {
            MessageFacts first = chunk.get(0);
            if (chunk.size() == 1 && isLarge(first)) {
                RetrievedMail large = streamed(open, first, uidValidity, backlog, rangeBytes);
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
                    SpooledMessage raw = spool.write(owner.get(), facts.uid(), bytes.getBytes(), bytes.getStart(),
                            bytes.getCount());
                    retrieved.add(new RetrievedMail(facts.uid(), uidValidity, facts.receivedAt(), bytes.getCount(),
                            backlog, raw, null).prepared(preparer));
                }
            }
            return retrieved;
        } catch (MessagingException | IOException | RuntimeException e) {
            retrieved.forEach(ChunkRetrieval::delete);
            throw e;
        }
    }

    /** Deletes a retrieved message's spool file. */
    public static void delete(RetrievedMail mail) {
        try {
            mail.raw().close();
        } catch (IOException e) {
            LOG.warn("cannot delete spool file {}: {}", mail.raw().file(), e.getMessage());
        }
    }

    /**
     * A large message, fetched range by range straight into its spool file; null once expunged. It is not prepared:
     * mapped ahead, it would hold its parsed parts while the chunk before it is routed, and be mapped in vain when the
     * gate finds it delivered or quarantines it.
     */
    private RetrievedMail streamed(ImapMailbox open, MessageFacts facts, long uidValidity, int backlog,
                                   int rangeBytes) throws MessagingException, IOException {
        try (SpoolWriter writer = spool.open(owner.get(), facts.uid())) {
            int received;
            do {
                ByteArray range = open.bodyRange(facts.uid(), writer.size(), rangeBytes);
                received = range.getCount();
                writer.write(range.getBytes(), range.getStart(), received);
            } while (received == rangeBytes);
            if (writer.size() == 0) {
                return null;
            }
            long size = writer.size();
            return new RetrievedMail(facts.uid(), uidValidity, facts.receivedAt(), size, backlog, writer.finish(), null);
        }
    }

    /** Over the small-message size, or of unknown size: fetched alone, in ranges. */
    private static boolean isLarge(MessageFacts facts) {
        return facts.size() < 0 || facts.size() > SMALL_MESSAGE_BYTES;
    }
}
