package io.mailbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/** Samples this JVM's heap in use and live threads every 50 ms, keeping the peaks. */
final class ResourceSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Thread sampler;
    private volatile long peakHeap;
    private volatile int peakThreads;
    private volatile boolean running = true;

    ResourceSampler() {
        sampler = new Thread(this::run, "bench-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        peakThreads = Math.max(peakThreads, threads.getThreadCount());
    }

    long peakHeap() {
        sample();
        return peakHeap;
    }

    /** The most live threads seen, including the sampler itself (counted by the JVM's own peak too). */
    int peakThreads() {
        sample();
        return Math.max(peakThreads, threads.getPeakThreadCount());
    }

    long maxHeap() {
        return memory.getHeapMemoryUsage().getMax();
    }

    /** Heap in use after a full collection: what the application really keeps. */
    long heapAfterGc() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
