package io.mailbridge.delivery;

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

    @Override
    public void close() {
        ledgers.values().forEach(DeliveryLedger::close);
        ledgers.clear();
    }
}
