package io.mailbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Counts the messages a contender has finished, with the time of the first and the last, until all are done. */
final class Progress {

    /** Linux's USER_HZ, the unit of /proc/.../stat times, on every architecture the harness runs on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private final int expected;
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong drainCpuNanos = new AtomicLong();
    private final double processCpuAtStart = processCpuSeconds();
    private final double jitCpuAtStart = jitCpuSeconds();
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
                polls == null ? Double.NaN : polls.maxGapSeconds(), processCpuSeconds() - processCpuAtStart,
                jitCpuSeconds() - jitCpuAtStart,
                drainCpuNanos.get() > 0 ? drainCpuNanos.get() / 1e9 : consumerThreadsCpuSeconds(), error, -1,
                Double.NaN, Double.NaN, -1);
    }

    /** Adds CPU time a raw reading thread spent draining (it measures itself before it ends). */
    void drainCpu(long nanos) {
        drainCpuNanos.addAndGet(nanos);
    }

    private static double processCpuSeconds() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** CPU of the JIT compiler threads, which no MXBean lists: from Linux's per-thread accounting, else NaN. */
    private static double jitCpuSeconds() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
            return ticks / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU of the live draining threads: camel-mail's imap(s) consumers, mailbridge's poll and fetch pools. */
    private static double consumerThreadsCpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            String name = info == null ? "" : info.getThreadName();
            if (name.contains("imap") || name.contains("mailbridge-poll") || name.contains("mailbridge-fetch")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private static double seconds(long nanos, long mark) {
        return mark < 0 ? Double.NaN : nanos / 1e9;
    }
}
