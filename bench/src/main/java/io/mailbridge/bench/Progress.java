package io.mailbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the messages a contender has finished, with the time of the first and the last, until all are done. */
final class Progress {

    private final int expected;
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong drainCpuNanos = new AtomicLong();
    private volatile long startNanos = System.nanoTime();
    private volatile long firstNanos = -1;
    private volatile long lastNanos = -1;
    private volatile long firstEpochMillis = -1;
    private volatile long startedEpochMillis = -1;

    Progress(int expected) {
        this.expected = expected;
    }

    /** The moment the contender's clock starts: before connecting (raw) or when the consumer route started. */
    synchronized void start() {
        startNanos = System.nanoTime();
    }

    /** The moment the application finished starting (all its routes started). */
    void started() {
        startedEpochMillis = System.currentTimeMillis();
    }

    void delivered() {
        long now = System.nanoTime();
        synchronized (this) {
            if (firstNanos < 0) {
                firstNanos = now;
                firstEpochMillis = System.currentTimeMillis();
            }
            lastNanos = now;
        }
        if (delivered.incrementAndGet() >= expected) {
            done.countDown();
        }
    }

    void failed() {
        failed.incrementAndGet();
    }

    boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Result result(String contender, ResourceSampler resources, long heapAfterGc, PollWatch.Stats polls,
                  String error) {
        return new Result(contender, delivered.get(), failed.get(), seconds(firstNanos - startNanos, firstNanos),
                seconds(lastNanos - startNanos, lastNanos),
                firstEpochMillis < 0 ? Double.NaN : (firstEpochMillis - jvmStartMillis) / 1000.0,
                startedEpochMillis < 0 ? Double.NaN : (startedEpochMillis - jvmStartMillis) / 1000.0,
                resources.peakHeap(), heapAfterGc, resources.maxHeap(), resources.peakThreads(),
                polls == null ? -1 : polls.late(), polls == null ? -1 : polls.minPolls(),
                polls == null ? Double.NaN : polls.maxGapSeconds(), processCpuSeconds(),
                drainCpuNanos.get() > 0 ? drainCpuNanos.get() / 1e9 : consumerThreadsCpuSeconds(), error);
    }

    /** Adds CPU time a raw reading thread spent draining (it measures itself before it ends). */
    void drainCpu(long nanos) {
        drainCpuNanos.addAndGet(nanos);
    }

    private static double processCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** CPU of the live threads Camel named after an imap(s) endpoint: the consumers' poll threads. */
    private static double consumerThreadsCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains("imap") || info.getThreadName().contains("mailbridge-poll"))) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static double seconds(long nanos, long mark) {
        return mark < 0 ? Double.NaN : nanos / 1e9;
    }
}
