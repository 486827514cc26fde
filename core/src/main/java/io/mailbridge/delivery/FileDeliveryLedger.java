package io.mailbridge.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link DeliveryLedger} in one append-only file per account. Each record is written to the file before the
 * call returns, so it survives kill -9; delivered records and high-water marks are fsync'd together at
 * {@link #sync()} (once per chunk, before the chunk is flagged seen), every other record at once, so they survive
 * power loss too. A torn last line is ignored when read back, a line that is not a record is logged and the file
 * kept aside before it is rewritten. On open a file that holds more than the records that still matter (each
 * mailbox's cursor, the records above its high-water mark of its current UIDVALIDITY, at most the newest
 * {@value #MAX_DELIVERED_KEPT} delivered keys per mailbox) is compacted: rewritten atomically to just those.
 */
public final class FileDeliveryLedger implements DeliveryLedger {

    static final int MAX_DELIVERED_KEPT = 100_000;
    private static final int MAX_CORRUPT_LINES_LOGGED = 10;
    private static final Logger LOG = LoggerFactory.getLogger(FileDeliveryLedger.class);

    private final Path file;
    private final LedgerState state;
    private final FileChannel channel;
    private boolean unsynced;

    private FileDeliveryLedger(Path file, LedgerState state, FileChannel channel) {
        this.file = file;
        this.state = state;
        this.channel = channel;
    }

    /** The file of one account's ledger under {@code directory}. */
    static Path file(Path directory, String account) {
        return directory.resolve(account + ".ledger");
    }

    /** Opens (creating if needed) the ledger of one account under {@code directory}. */
    public static FileDeliveryLedger open(Path directory, String account) {
        Path file = file(directory, account);
        try {
            Files.createDirectories(directory);
            LedgerState read = LedgerState.read(file, account);
            report(file, read);
            List<LedgerRecord> kept = read.compacted(MAX_DELIVERED_KEPT);
            if (!read.corruptLines().isEmpty()) {
                Path copy = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
                Files.copy(file, copy);
                LOG.warn("delivery ledger {}: kept a copy of the file as it was in {}", file, copy);
            }
            if (!read.holdsExactly(kept)) {
                rewrite(file, kept);
            } else if (!Files.exists(file)) {
                Files.createFile(file);
            }
            LedgerState state = new LedgerState(account);
            kept.forEach(state::apply);
            return new FileDeliveryLedger(file, state,
                    FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the delivery ledger " + file, e);
        }
    }

    @Override
    public synchronized boolean isDelivered(MessageKey key) {
        return state.isDelivered(key);
    }

    @Override
    public synchronized void recordDelivered(MessageKey key) {
        LedgerRecord record = LedgerRecord.delivered(key);
        write(record);
        unsynced = true;
        state.apply(record);
    }

    @Override
    public synchronized void sync() {
        if (unsynced) {
            force();
        }
    }

    @Override
    public synchronized int recordFailure(MessageKey key, String reason) {
        LedgerRecord record = LedgerRecord.failed(key, reason);
        append(record);
        state.apply(record);
        return failures(key);
    }

    @Override
    public synchronized int failures(MessageKey key) {
        return state.failures(key);
    }

    @Override
    public synchronized String lastFailure(MessageKey key) {
        return state.lastFailure(key);
    }

    @Override
    public synchronized void recordQuarantined(MessageKey key) {
        append(LedgerRecord.quarantined(key));
        state.apply(LedgerRecord.quarantined(key));
    }

    @Override
    public synchronized boolean isQuarantined(MessageKey key) {
        return state.isQuarantined(key);
    }

    @Override
    public synchronized Optional<LedgerCursor> cursor(String mailbox) {
        return Optional.ofNullable(state.cursor(mailbox));
    }

    @Override
    public synchronized OptionalLong uidValidity(String mailbox) {
        Long value = state.uidValidity(mailbox);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public synchronized void recordStart(String mailbox, LedgerCursor start) {
        LedgerRecord record = LedgerRecord.start(mailbox, start);
        append(record);
        state.apply(record);
    }

    @Override
    public synchronized void recordHighWater(String mailbox, long uidValidity, long highWater) {
        LedgerRecord record = LedgerRecord.highWater(mailbox, uidValidity, highWater);
        write(record);
        unsynced = true;
        state.apply(record);
    }

    @Override
    public synchronized void close() {
        try {
            if (unsynced) {
                channel.force(false);
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the delivery ledger " + file, e);
        }
    }

    private void append(LedgerRecord record) {
        write(record);
        force();
    }

    private void write(LedgerRecord record) {
        try {
            ByteBuffer line = ByteBuffer.wrap((record.line() + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the delivery ledger " + file, e);
        }
    }

    private void force() {
        try {
            channel.force(false);
            unsynced = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the delivery ledger " + file, e);
        }
    }

    /** Logs what reading the file had to skip: a line torn by a crash, or lines that are not ledger records. */
    private static void report(Path file, LedgerState read) {
        if (read.hasTornTail()) {
            LOG.info("delivery ledger {}: ignored its torn last line (the process stopped while writing it)", file);
        }
        List<LedgerState.CorruptLine> corrupt = read.corruptLines();
        corrupt.stream().limit(MAX_CORRUPT_LINES_LOGGED).forEach(line -> LOG.warn(
                "delivery ledger {}: line {} is not a ledger record and was ignored: '{}'", file, line.number(),
                line.text().length() > 120 ? line.text().substring(0, 120) + "…" : line.text()));
        if (corrupt.size() > MAX_CORRUPT_LINES_LOGGED) {
            LOG.warn("delivery ledger {}: {} more lines are not ledger records and were ignored", file,
                    corrupt.size() - MAX_CORRUPT_LINES_LOGGED);
        }
    }

    private static void rewrite(Path file, List<LedgerRecord> kept) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".compacting");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder();
            kept.forEach(record -> text.append(record.line()).append('\n'));
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
