package io.mailbridge.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Hands out one {@link DeliveryLedger} per account, of the configured kind (by default a {@link FileDeliveryLedger}
 * under {@code <dataDir>/ledger}), and closes them all, and what they share, at the end.
 */
public final class DeliveryLedgers implements AutoCloseable {

    public static final String BEAN = "mailbridgeDeliveryLedgers";

    private final Path directory;
    private final Function<String, DeliveryLedger> opener;
    private final AutoCloseable shared;
    private final Map<String, DeliveryLedger> ledgers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** File ledgers, one per account under {@code directory}. */
    public DeliveryLedgers(Path directory) {
        this(directory, account -> FileDeliveryLedger.open(directory, account), () -> { });
    }

    /** Ledgers made by {@code opener}, and what they share ({@code shared}, e.g. a connection pool), closed after them. */
    public DeliveryLedgers(Path directory, Function<String, DeliveryLedger> opener, AutoCloseable shared) {
        this.directory = directory;
        this.opener = opener;
        this.shared = shared;
    }

    public DeliveryLedger forAccount(String account) {
        return ledgers.computeIfAbsent(account, opener);
    }

    /**
     * Deletes the ledger file of an account whose mailbox is gone for good (the demo's, whose server lives in
     * memory), so that its records are not taken for a rebuilt mailbox's.
     */
    public void forget(String account) throws IOException {
        DeliveryLedger open = ledgers.remove(account);
        if (open != null) {
            open.close();
        }
        Files.deleteIfExists(FileDeliveryLedger.file(directory, account));
    }

    /** Closes once; later calls do nothing. */
    @Override
    public void close() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            ledgers.values().forEach(DeliveryLedger::close);
            ledgers.clear();
        } finally {
            shared.close();
        }
    }
}
