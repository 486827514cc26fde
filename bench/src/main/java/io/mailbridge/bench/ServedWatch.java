package io.mailbridge.bench;

import io.mailbridge.status.AccountStatus;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.CamelContext;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches every account's status for its first successful poll (its mail delivered, or found empty): "served". The
 * status keeps the time of the last successful poll, sampled every 100 ms, far more often than an account polls, so
 * the first value seen is the first poll's.
 */
final class ServedWatch implements AutoCloseable {

    /** Seconds from the JVM's start until the first, the median and the last account was served. */
    record Stats(int served, double firstSeconds, double medianSeconds, double lastSeconds) {
    }

    private final CamelContext camel;
    private final int accounts;
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final Map<String, Instant> firstServed = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    ServedWatch(CamelContext camel, int accounts) {
        this.camel = camel;
        this.accounts = accounts;
        sampler = new Thread(this::run, "bench-served");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (running && firstServed.size() < accounts) {
            sample();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        AccountStatuses statuses = camel.getRegistry().lookupByNameAndType(AccountStatuses.BEAN,
                AccountStatuses.class);
        if (statuses == null) {
            return;
        }
        for (AccountStatus status : statuses.all()) {
            status.lastSuccessfulPoll().ifPresent(at -> firstServed.putIfAbsent(status.account(), at));
        }
    }

    Stats stats() {
        sample();
        double[] seconds = firstServed.values().stream()
                .mapToDouble(at -> (at.toEpochMilli() - jvmStartMillis) / 1000.0).sorted().toArray();
        if (seconds.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(seconds.length, seconds[0], seconds[seconds.length / 2],
                seconds.length < accounts ? Double.NaN : Arrays.stream(seconds).max().orElseThrow());
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
