package io.mailbridge.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens one {@link FileDeliveryLedger} per account under {@code <dataDir>/ledger} and closes them all at the end. */
public final class DeliveryLedgers implements AutoCloseable {

    public static final String BEAN = "mailbridgeDeliveryLedgers";

    private final Path directory;
    private final Map<String, DeliveryLedger> ledgers = new ConcurrentHashMap<>();

    public DeliveryLedgers(Path directory) {
        this.directory = directory;
    }

    public DeliveryLedger forAccount(String account) {
        return ledgers.computeIfAbsent(account, name -> FileDeliveryLedger.open(directory, name));
    }

    /**
     * Deletes the ledger of an account whose mailbox is gone for good (the demo's, whose server lives in memory),
     * so that its records are not taken for a rebuilt mailbox's.
     */
    public void forget(String account) throws IOException {
        DeliveryLedger open = ledgers.remove(account);
        if (open != null) {
            open.close();
        }
        Files.deleteIfExists(FileDeliveryLedger.file(directory, account));
    }

    @Override
    public void close() {
        ledgers.values().forEach(DeliveryLedger::close);
        ledgers.clear();
    }
}
