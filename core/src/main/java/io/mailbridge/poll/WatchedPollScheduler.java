package io.mailbridge.poll;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared poll pool as one consumer sees it: it remembers the consumer's periodic poll task, so that
 * {@link PollWatchdog} can tell a task that died (an {@link Error} ends a periodic task for good) from one that is
 * merely waiting for a free thread of a busy pool, and so that a wake-up ({@link #pollSoon()}, e.g. from IMAP IDLE)
 * can poll at once without ever running two polls of the consumer together ({@link CoalescedPoll}). Shutting it down
 * leaves the shared pool alone: the component owns it.
 */
public final class WatchedPollScheduler implements ScheduledExecutorService {

    private static final Logger LOG = LoggerFactory.getLogger(WatchedPollScheduler.class);

    private final ScheduledExecutorService pool;
    private volatile ScheduledFuture<?> pollTask;
    private volatile CoalescedPoll poll;

    public WatchedPollScheduler(ScheduledExecutorService pool) {
        this.pool = pool;
    }

    /** Whether the periodic poll task is still scheduled: running, or waiting for its time or for a free thread. */
    public boolean isPollTaskScheduled() {
        ScheduledFuture<?> task = pollTask;
        return task != null && !task.isDone();
    }

    /**
     * Polls on a thread of the shared pool as soon as one is free, besides the schedule; wake-ups that come while a
     * poll is waiting or running add at most one more poll. Does nothing before the periodic poll is scheduled.
     */
    public void pollSoon() {
        CoalescedPoll scheduled = poll;
        if (scheduled != null && scheduled.request()) {
            try {
                pool.execute(scheduled::runRequested);
            } catch (RejectedExecutionException refused) {
                scheduled.refused();
                if (!pool.isShutdown()) {
                    LOG.warn("the poll pool refused a wake-up poll ({}); the mail waits for the next scheduled poll",
                            refused.getMessage());
                }
            }
        }
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        CoalescedPoll coalesced = new CoalescedPoll(command);
        poll = coalesced;
        return remembered(pool.scheduleAtFixedRate(coalesced, initialDelay, period, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        CoalescedPoll coalesced = new CoalescedPoll(command);
        poll = coalesced;
        return remembered(pool.scheduleWithFixedDelay(coalesced, initialDelay, delay, unit));
    }

    private ScheduledFuture<?> remembered(ScheduledFuture<?> task) {
        pollTask = task;
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return pool.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return pool.schedule(callable, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return pool.submit(task, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return pool.submit(task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return pool.invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return pool.invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return pool.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return pool.invokeAny(tasks, timeout, unit);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
