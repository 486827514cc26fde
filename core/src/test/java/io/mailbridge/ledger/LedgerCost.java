package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.FileDeliveryLedger;
import io.mailbridge.delivery.MessageKey;
import io.mailbridge.support.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Measures the wall-clock cost per message of the delivery ledgers as the account routes use them, against a local
 * PostgreSQL server that fsyncs: the shared ledger's delivered record alone, the whole per-message sequence (the
 * consumer's and the gate's reads, the owner check, the record; per chunk of 50 the sync and the high-water mark),
 * the same with a synchronous commit per message, and the file ledger's sequence; one account, then 8 at once. Not
 * a test: run its {@code main}.
 *
 * <p>Run (in {@code core/}): {@code mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt && java -cp
 * target/test-classes:target/classes:$(cat cp.txt) io.mailbridge.ledger.LedgerCost}; {@code -Dmessages=N} per run
 * (default 5000).
 */
public final class LedgerCost {

    private static final int CHUNK = 50;

    private LedgerCost() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("messages", 5000);
        Path files = Files.createTempDirectory("ledger-cost-");
        try (PostgresServer postgres = PostgresServer.durable()) {
            postgres.open();
            String url = postgres.newDatabase();
            try (JdbcLedgers shared = TestLedgers.open(postgres, url, "bench")) {
                Function<String, DeliveryLedger> jdbc = account -> shared.forAccount(account, AccountOwnership.SOLE);
                Function<String, DeliveryLedger> file = account -> FileDeliveryLedger.open(files, account);
                measure("warm-up", jdbc, messages / 5, 1, LedgerCost::gateSequence);
                measure("warm-up", file, messages / 5, 1, LedgerCost::gateSequence);
                measure("shared: recordDelivered alone", jdbc, messages, 1, LedgerCost::recordOnly);
                measure("shared: whole sequence", jdbc, messages, 1, LedgerCost::gateSequence);
                measure("shared: whole sequence, commit waits per message", jdbc, messages, 1,
                        LedgerCost::syncEachMessage);
                measure("file: whole sequence", file, messages, 1, LedgerCost::gateSequence);
                measure("shared: whole sequence, 8 accounts at once", jdbc, messages, 8, LedgerCost::gateSequence);
                measure("file: whole sequence, 8 accounts at once", file, messages, 8, LedgerCost::gateSequence);
            }
        } finally {
            try (var stale = Files.list(files)) {
                for (Path file : stale.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(files);
        }
    }

    /** What one account route asks of its ledger for one message, by message index. */
    private interface Sequence {
        void message(DeliveryLedger ledger, MessageKey key, int index);
    }

    private static void recordOnly(DeliveryLedger ledger, MessageKey key, int index) {
        ledger.recordDelivered(key);
        if ((index + 1) % CHUNK == 0) {
            ledger.sync();
        }
    }

    private static void gateSequence(DeliveryLedger ledger, MessageKey key, int index) {
        ledger.isDelivered(key);
        ledger.assertOwner();
        if (!ledger.isDelivered(key) && !ledger.isQuarantined(key) && ledger.failures(key) < 3) {
            ledger.recordDelivered(key);
        }
        if ((index + 1) % CHUNK == 0) {
            ledger.sync();
            ledger.recordHighWater(key.mailbox(), key.uidValidity(), key.uid());
        }
    }

    private static void syncEachMessage(DeliveryLedger ledger, MessageKey key, int index) {
        gateSequence(ledger, key, index);
        ledger.sync();
    }

    private static int run;

    private static void measure(String name, Function<String, DeliveryLedger> ledgers, int messages, int accounts,
                                Sequence sequence) throws Exception {
        int id = ++run;
        ExecutorService threads = Executors.newFixedThreadPool(accounts);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                String account = "bench-" + id + "-" + a;
                done.add(threads.submit(() -> {
                    DeliveryLedger ledger = ledgers.apply(account);
                    ledger.recordStart("INBOX", TestLedgers.startedAt(1));
                    for (int i = 0; i < messages / accounts; i++) {
                        sequence.message(ledger, new MessageKey(account, "INBOX", 1, i + 1), i);
                    }
                    ledger.close();
                    return null;
                }));
            }
            for (Future<?> account : done) {
                account.get();
            }
            double micros = (System.nanoTime() - start) / 1000.0 / messages;
            System.out.printf(Locale.ROOT, "%-55s %8.1f µs/message  %8.0f messages/s%n", name, micros,
                    1_000_000 / micros);
        } finally {
            threads.shutdownNow();
        }
    }
}
