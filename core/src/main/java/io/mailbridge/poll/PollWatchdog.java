package io.mailbridge.poll;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Restarts an account route whose consumer stopped polling: an {@link Error} on the poll thread cancels Camel's
 * scheduled task for good, silently. A route is restarted when it is started, not in the middle of a poll, its
 * consumer has not polled for two poll intervals plus a grace period, and its poll task is no longer scheduled: a poll
 * that waits for a free thread of a busy shared pool (a thousand first polls at start-up) is late, not dead, and a
 * restart would only send it to the back of the queue.
 */
public final class PollWatchdog extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(PollWatchdog.class);
    static final Duration GRACE = Duration.ofSeconds(2);

    private final CamelContext camel;
    private final Duration checkEvery;
    private ScheduledExecutorService scheduler;

    public PollWatchdog(CamelContext camel, Duration checkEvery) {
        this.camel = camel;
        this.checkEvery = checkEvery;
    }

    @Override
    protected void doStart() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mailbridge-poll-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    void check() {
        if (!camel.isStarted()) {
            // while Camel starts routes one by one (a minute for 1,000 accounts), a not-yet-polled route is not stuck
            return;
        }
        for (Route route : camel.getRoutes()) {
            try {
                if (route.getConsumer() instanceof ScheduledPollConsumer consumer
                        && consumer.getPollStrategy() instanceof PollPacing pacing && isStuck(route, consumer, pacing)) {
                    LOG.error("account '{}': its consumer has not polled for {} s (poll interval {} s) and its poll"
                                    + " task ended; restarting route {}", pacing.account(), pacing.sinceLastPoll().toMillis() / 1000.0,
                            pacing.pollInterval().toMillis() / 1000.0, route.getRouteId());
                    camel.getRouteController().stopRoute(route.getRouteId());
                    camel.getRouteController().startRoute(route.getRouteId());
                }
            } catch (Exception e) {
                LOG.error("cannot restart route {}", route.getRouteId(), e);
            }
        }
    }

    /**
     * Not polling now (by the consumer's own count: an Error skips the strategy's commit and rollback), for longer
     * than the limit, started longer ago than that, and with no poll task left to wait for. Without a
     * {@link WatchedPollScheduler} (a consumer with a thread of its own) the time alone decides.
     */
    private boolean isStuck(Route route, ScheduledPollConsumer consumer, PollPacing pacing) {
        Duration limit = pacing.pollInterval().multipliedBy(2).plus(GRACE);
        return camel.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started
                && !consumer.isStoppingOrStopped() && !consumer.isSuspendingOrSuspended()
                && !consumer.isPolling()
                && pacing.sinceLastPoll().compareTo(limit) > 0
                && route.getUptimeMillis() > limit.toMillis()
                && !(consumer.getScheduledExecutorService() instanceof WatchedPollScheduler watched
                        && watched.isPollTaskScheduled());
    }
}
