package io.mailbridge.poll;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer's poll that runs one at a time whoever starts it (its schedule or a wake-up), and folds a burst of
 * wake-ups into one more poll: a wake-up that comes while a poll runs makes that poll run once again when it ends,
 * so mail that arrived during a poll is never left for the next interval.
 */
public final class CoalescedPoll implements Runnable {

    private final Runnable poll;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean queued = new AtomicBoolean();

    public CoalescedPoll(Runnable poll) {
        this.poll = poll;
    }

    /**
     * Asks for a poll as soon as possible; returns whether the caller must hand {@link #runRequested()} to a thread
     * (false: a task that will poll is queued already, or a poll is running and will run again).
     */
    public boolean request() {
        requested.set(true);
        return queued.compareAndSet(false, true);
    }

    /** Forgets a request whose task no thread took, so that the next wake-up hands a task over again. */
    public void refused() {
        queued.set(false);
    }

    /** The task that {@link #request()} asks the caller to run: it polls unless a poll did so meanwhile. */
    public void runRequested() {
        queued.set(false);
        if (requested.get()) {
            run();
        }
    }

    /** Polls, then again while wake-ups came meanwhile; returns at once if another thread is polling. */
    @Override
    public void run() {
        do {
            if (!running.tryLock()) {
                return;
            }
            try {
                do {
                    requested.set(false);
                    poll.run();
                } while (requested.get());
            } finally {
                running.unlock();
            }
        } while (requested.get());
    }
}
