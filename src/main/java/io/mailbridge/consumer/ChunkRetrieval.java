package io.mailbridge.consumer;

import io.mailbridge.message.RawMessageSpool;
import io.mailbridge.message.SpoolWriter;
import io.mailbridge.message.SpooledMessage;
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
 * Splits a poll's batch into chunks and fetches a chunk into the spool, each message mapped and ready to route:
 * small messages a chunk at a time in one {@code UID FETCH}, a large one alone, range by range straight to disk.
 */
final class ChunkRetrieval {

    static final long SMALL_MESSAGE_BYTES = 256 * 1024;
    static final long CHUNK_BYTES = 1024 * 1024;
    static final int CHUNK_MESSAGES = 50;
    static final int RANGE_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ChunkRetrieval.class);

    private final RawMessageSpool spool;
    private final MailPreparer preparer;
    private final Supplier<String> owner;

    /** @param owner the spool directory's owner: the consumer's route id, known only once the route is built */
    ChunkRetrieval(RawMessageSpool spool, MailPreparer preparer, Supplier<String> owner) {
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

    /** The chunk's messages still in the mailbox, in UID order, spooled and prepared. */
    List<RetrievedMail> retrieve(ImapMailbox open, List<MessageFacts> chunk, long uidValidity, int unseen)
            throws MessagingException, IOException {
        List<RetrievedMail> retrieved = new ArrayList<>(chunk.size());
        try {
            MessageFacts first = chunk.get(0);
            if (chunk.size() == 1 && isLarge(first)) {
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
                    SpooledMessage raw = spool.write(owner.get(), facts.uid(), bytes.getBytes(), bytes.getStart(),
                            bytes.getCount());
                    retrieved.add(new RetrievedMail(facts.uid(), uidValidity, facts.receivedAt(), bytes.getCount(),
                            unseen, raw, null).prepared(preparer));
                }
            }
            retrieved.sort((left, right) -> Long.compare(left.uid(), right.uid()));
            return retrieved;
        } catch (MessagingException | IOException | RuntimeException e) {
            retrieved.forEach(ChunkRetrieval::delete);
            throw e;
        }
    }

    /** Deletes a retrieved message's spool file. */
    static void delete(RetrievedMail mail) {
        try {
            mail.raw().close();
        } catch (IOException e) {
            LOG.warn("cannot delete spool file {}: {}", mail.raw().file(), e.getMessage());
        }
    }

    /** A large message, fetched range by range straight into its spool file; null once expunged. */
    private RetrievedMail streamed(ImapMailbox open, MessageFacts facts, long uidValidity, int unseen)
            throws MessagingException, IOException {
        try (SpoolWriter writer = spool.open(owner.get(), facts.uid())) {
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
                    .prepared(preparer);
        }
    }

    /** Over the small-message size, or of unknown size: fetched alone, in ranges. */
    private static boolean isLarge(MessageFacts facts) {
        return facts.size() < 0 || facts.size() > SMALL_MESSAGE_BYTES;
    }
}
