package io.mailbridge.imap;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/** One connection's way from TCP connected to authenticated, which the watchdog cuts short if it overruns. */
final class AuthenticationAttempt {

    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private final List<Socket> sockets = new ArrayList<>();
    private ScheduledFuture<?> alarm;
    private boolean finished;
    private volatile boolean expired;
    private volatile IMAPProtocol protocol;

    AuthenticationAttempt(Duration timeout, ScheduledExecutorService watchdog) {
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    /** Closes the socket at the deadline unless authenticated by then; the first socket starts the clock. */
    synchronized void watch(Socket socket) {
        if (sockets.contains(socket)) {
            return;
        }
        sockets.add(socket);
        if (expired) {
            closeQuietly(socket);
        } else if (alarm == null && !finished) {
            alarm = watchdog.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The protocol whose authenticated state the watchdog checks at the deadline. */
    void attach(IMAPProtocol protocol) {
        this.protocol = protocol;
    }

    /** Ends the attempt, successful or not: the watchdog no longer touches its sockets. */
    synchronized void finish() {
        finished = true;
        if (alarm != null) {
            alarm.cancel(false);
        }
    }

    /** Whether the watchdog closed the connection because the deadline passed. */
    boolean expired() {
        return expired;
    }

    private synchronized void expire() {
        if (finished || authenticated() || sockets.stream().allMatch(Socket::isClosed)) {
            return;
        }
        expired = true;
        sockets.forEach(AuthenticationAttempt::closeQuietly);
    }

    // Read without the protocol's lock: the connecting thread holds it while blocked in the very read
    // the watchdog must interrupt.
    private boolean authenticated() {
        IMAPProtocol attached = protocol;
        return attached != null && attached.isAuthenticated();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException abandoned) {
            // the connection is being given up; the blocked reader reports the failure
        }
    }
}
