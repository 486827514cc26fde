package io.mailbridge.check;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The account's authentication timeout over a probe connection: closes the socket when it passes, so a server
 * that drips its greeting byte by byte cannot hold the check any longer than it could hold a login.
 */
final class Deadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = newTimer();

    private final Duration timeout;
    private final ScheduledFuture<?> alarm;
    private volatile boolean expired;

    private Deadline(Duration timeout, Socket socket) {
        this.timeout = timeout;
        this.alarm = TIMER.schedule(() -> expire(socket), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the clock for a socket that has just connected. */
    static Deadline start(Duration timeout, Socket socket) {
        return new Deadline(timeout, socket);
    }

    Duration timeout() {
        return timeout;
    }

    /** Whether the deadline passed and closed the socket. */
    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        alarm.cancel(false);
    }

    private void expire(Socket socket) {
        expired = true;
        try {
            socket.close();
        } catch (IOException abandoned) {
            // the blocked reader reports the failure; expired() tells why
        }
    }

    private static ScheduledExecutorService newTimer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "mailbridge-check-deadline");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
