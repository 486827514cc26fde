package io.mailbridge.consumer;

import jakarta.mail.Session;
import org.apache.camel.CamelContext;
import org.eclipse.angus.mail.imap.IdleManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The IMAP IDLE machinery every account's {@link IdleWatcher} shares: one Angus {@link IdleManager}, whose single
 * selector thread watches every account's IDLE connection (plus one thread that ends IDLEs with DONE), and
 * {@value #THREADS_PROPERTY} threads that log the watchers in, renew their IDLE and reconnect them.
 */
public final class IdleWatching implements AutoCloseable {

    public static final String THREADS_PROPERTY = "mailbridge.idleThreads";
    public static final String RENEW_PROPERTY = "mailbridge.idleRenewSeconds";
    public static final int DEFAULT_THREADS = 4;
    public static final Duration DEFAULT_RENEW = Duration.ofMinutes(10);
    /** RFC 2177: servers may end an IDLE after 30 minutes, so it is re-issued well before. */
    public static final Duration LONGEST_RENEW = Duration.ofMinutes(25);

    /** How often the selector thread is checked, and started again if it stopped. */
    static final Duration SELECTOR_CHECK = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(IdleWatching.class);

    private final CamelContext camel;
    private final ScheduledExecutorService tasks;
    private final ExecutorService selector;
    private final Duration renewEvery;
    private final Set<IdleWatcher> watchers = ConcurrentHashMap.newKeySet();
    private volatile IdleManager manager;

    private IdleWatching(CamelContext camel, Object owner, int threads, Duration renewEvery) {
        this.camel = camel;
        this.renewEvery = renewEvery;
        this.tasks = AccountTaskPool.create(camel, owner, "mailbridge-idle", threads);
        this.selector = camel.getExecutorServiceManager().newFixedThreadPool(owner, "mailbridge-idle-select", 2);
        try {
            this.manager = newManager();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot open the selector that watches IMAP IDLE connections", e);
        }
        tasks.scheduleWithFixedDelay(this::restartStoppedSelector, SELECTOR_CHECK.toMillis(),
                SELECTOR_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private IdleManager newManager() throws IOException {
        return new IdleManager(Session.getInstance(new Properties()), selector);
    }

    /** Reads {@value #THREADS_PROPERTY} (1 to 64, default 4) and {@value #RENEW_PROPERTY} (1 to 1500, default 600). */
    static IdleWatching configured(CamelContext camel, Object owner) {
        int threads = (int) number(camel, THREADS_PROPERTY, DEFAULT_THREADS, 1, 64, "a whole number of threads");
        long renew = number(camel, RENEW_PROPERTY, DEFAULT_RENEW.toSeconds(), 1, LONGEST_RENEW.toSeconds(),
                "a whole number of seconds");
        return new IdleWatching(camel, owner, threads, Duration.ofSeconds(renew));
    }

    private static long number(CamelContext camel, String property, long defaultValue, long min, long max,
                               String what) {
        String text = camel.resolvePropertyPlaceholders("{{" + property + ":" + defaultValue + "}}").strip();
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new IllegalArgumentException(property + " must be " + what + " from " + min + " to " + max
                + ", was '" + text + "'");
    }

    IdleManager manager() {
        return manager;
    }

    /** A watcher to watch again if the selector thread has to be started again. */
    void add(IdleWatcher watcher) {
        watchers.add(watcher);
    }

    void remove(IdleWatcher watcher) {
        watchers.remove(watcher);
    }

    /**
     * Angus's selector thread ends for good on an unexpected exception, ending every IDLE it watched: then a new one
     * is started, and every watcher idles again under it (polling delivered meanwhile).
     */
    private void restartStoppedSelector() {
        IdleManager current = manager;
        if (current.isRunning() || selector.isShutdown()) {
            return;
        }
        try {
            manager = newManager();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the IMAP IDLE selector thread stopped and cannot be started again ({}); new mail waits for the"
                    + " polls, next try in {} s", e.getMessage(), SELECTOR_CHECK.toSeconds());
            return;
        }
        LOG.warn("the IMAP IDLE selector thread stopped; started a new one, {} account(s) idle again", watchers.size());
        watchers.forEach(IdleWatcher::watchAgain);
    }

    ScheduledExecutorService tasks() {
        return tasks;
    }

    /** How long one IDLE command lasts before it is ended, the connection checked with NOOP, and IDLE issued again. */
    Duration renewEvery() {
        return renewEvery;
    }

    @Override
    public void close() {
        camel.getExecutorServiceManager().shutdownGraceful(tasks, 5_000);
        IdleManager current = manager;
        if (current != null) {
            current.stop();
        }
        camel.getExecutorServiceManager().shutdownNow(selector);
    }
}
