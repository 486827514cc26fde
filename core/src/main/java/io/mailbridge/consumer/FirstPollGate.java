package io.mailbridge.consumer;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds IDLE logins back while an account's first poll is still to come, so that when many accounts start at once
 * the server's logins go to the polls that serve them first, and the IDLE connections log in after.
 */
final class FirstPollGate {

    private int pending;
    private final List<Runnable> held = new ArrayList<>();

    /** A consumer started and its first poll is still to come. */
    synchronized void expect() {
        pending++;
    }

    /** A consumer's first poll ended, whatever its outcome, or it stopped before; runs what waited for the last. */
    void done() {
        List<Runnable> released;
        synchronized (this) {
            pending = Math.max(0, pending - 1);
            if (pending > 0 || held.isEmpty()) {
                return;
            }
            released = List.copyOf(held);
            held.clear();
        }
        released.forEach(Runnable::run);
    }

    /** Runs the task now if no first poll is to come, else when the last of them ends. */
    void afterFirstPolls(Runnable task) {
        synchronized (this) {
            if (pending > 0) {
                held.add(task);
                return;
            }
        }
        task.run();
    }
}
