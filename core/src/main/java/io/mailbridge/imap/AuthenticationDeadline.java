package io.mailbridge.imap;

import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The JVM-wide watchdog thread and the attempt the current thread is connecting, for the socket factories. */
final class AuthenticationDeadline {

    private static final ScheduledExecutorService WATCHDOG = newWatchdog();
    private static final ThreadLocal<AuthenticationAttempt> CURRENT = new ThreadLocal<>();

    private AuthenticationDeadline() {
    }

    /** Starts an attempt on this thread; sockets this thread connects from now on join it. */
    static AuthenticationAttempt begin(Duration timeout) {
        AuthenticationAttempt attempt = new AuthenticationAttempt(timeout, WATCHDOG);
        CURRENT.set(attempt);
        return attempt;
    }

    /** The attempt this thread is connecting, if any. */
    static Optional<AuthenticationAttempt> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Detaches this thread from its attempt, whose alarm stays armed. */
    static void leave() {
        CURRENT.remove();
    }

    /** Adds a freshly connected socket to this thread's attempt; a no-op outside one. */
    static void watch(Socket socket) {
        AuthenticationAttempt attempt = CURRENT.get();
        if (attempt != null) {
            attempt.watch(socket);
        }
    }

    /** The single daemon thread, also lent to Angus for write timeouts so no connection gets its own thread. */
    static ScheduledExecutorService watchdog() {
        return WATCHDOG;
    }

    private static ScheduledExecutorService newWatchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "mailbridge-imap-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
