package io.mailbridge.bench;

import io.mailbridge.app.MailbridgeApplication;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * mailbridge end to end, in this JVM, exactly as {@code mailbridge run} builds it: the accounts file and the routes
 * directory the harness wrote (the sink route marshals each {@code MailMessage} to JSON and drops it). Every
 * account route keeps its delivery ledger and flags \Seen only after the downstream succeeded.
 */
final class MailbridgeRun {

    private final Path work;
    private final Progress progress;
    private final int accounts;
    private Main main;
    private volatile ServedWatch served;
    private Thread runner;

    MailbridgeRun(Path work, Progress progress, int accounts) {
        this.work = work;
        this.progress = progress;
        this.accounts = accounts;
    }

    /** Starts mailbridge and waits until every message was committed; returns a failure or null. */
    String drain(Duration timeout) throws Exception {
        main = MailbridgeApplication.create(work.resolve("accounts.yaml"), work.resolve("routes"),
                Map.of("mailbridge.dataDir", work.resolve("data").toString(),
                        "mailbridge.outDir", work.resolve("out").toString()));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                configured.getCamelContext().getManagementStrategy().addEventNotifier(new CompletionCounter(progress));
                served = new ServedWatch(configured.getCamelContext(), accounts);
            }
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        runner = new Thread(() -> {
            try {
                main.run();
            } catch (Throwable e) {
                // an OutOfMemoryError at start-up included: it is a result, not a reason to wait for the timeout
                failure.set(e);
            }
        }, "bench-mailbridge-main");
        runner.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (progress.await(Duration.ofSeconds(1))) {
                return null;
            }
            if (failure.get() != null) {
                return "mailbridge failed: " + failure.get();
            }
        }
        return "timed out after " + timeout.toSeconds() + " s";
    }

    PollWatch.Stats watchPolls(Duration interval, Duration window) throws InterruptedException {
        return PollWatch.watch(main.getCamelContext(), interval, window);
    }

    /** When the accounts completed their first successful poll; null if mailbridge never configured. */
    ServedWatch.Stats served() {
        return served == null ? null : served.stats();
    }

    /** Stops mailbridge gracefully, as SIGTERM would, waiting at most a minute. */
    void stop() throws InterruptedException {
        if (served != null) {
            served.close();
        }
        if (main != null) {
            main.completed();
            runner.join(TimeUnit.MINUTES.toMillis(1));
        }
    }
}
