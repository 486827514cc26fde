package io.mailbridge.poll;

import jakarta.mail.AuthenticationFailedException;
import io.mailbridge.status.AccountStatus;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Paces one account's polls. A greedy re-poll (draining a backlog) follows only a batch that delivered at least one
 * message, so a failing message waits for the next interval instead of being retried in a tight loop. After a
 * failed login the next attempt waits exponentially longer (one poll interval, then 2, 4, ... up to
 * {@code maxAuthBackoff}), so a wrong app password never gets a Google account locked. It also remembers when the
 * consumer last polled, for {@link PollWatchdog}.
 *
 * <p>It is both the consumer's poll strategy and a step of the account route that watches each message's outcome.
 */
public final class PollPacing extends DefaultPollingConsumerPollStrategy implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PollPacing.class);

    private final String account;
    private final AccountStatus status;
    private final Duration pollInterval;
    private final Duration maxAuthBackoff;
    private final AtomicInteger deliveredInPoll = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean polling;
    private volatile long lastPollStarted = System.nanoTime();
    private volatile int authFailures;
    private volatile long loginNotBefore = System.nanoTime();

    public PollPacing(AccountStatus status, Duration pollInterval, Duration maxAuthBackoff) {
        this.account = status.account();
        this.status = status;
        this.pollInterval = pollInterval;
        this.maxAuthBackoff = maxAuthBackoff;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        long now = System.nanoTime();
        lastPollStarted = now;
        if (now - loginNotBefore < 0) {
            return false;
        }
        if (stalled) {
            stalled = false;
            return false;
        }
        deliveredInPoll.set(0);
        polling = true;
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        polling = false;
        authFailures = 0;
        stalled = polledMessages > 0 && deliveredInPoll.get() == 0;
        Optional<String> openFailure = status.takeFolderOpenFailure();
        if (openFailure.isPresent()) {
            status.pollFailed(openFailure.get());
            return;
        }
        if (polledMessages == 0) {
            status.backlog(0);
        }
        status.pollSucceeded(Instant.now(), Duration.ofNanos(System.nanoTime() - lastPollStarted).toMillis());
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        polling = false;
        status.takeFolderOpenFailure();
        status.pollFailed(describe(cause));
        if (isAuthenticationFailure(cause)) {
            int failures = ++authFailures;
            Duration wait = authBackoff(failures);
            loginNotBefore = System.nanoTime() + wait.toNanos();
            LOG.warn("account '{}': login rejected ({} in a row): {}; next login attempt in {} s", account, failures,
                    cause.getMessage(), wait.toMillis() / 1000.0);
        }
        return false;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                deliveredInPoll.incrementAndGet();
            }
        });
    }

    /** The wait before login attempt {@code failures + 1}: the poll interval doubled per failure, capped. */
    Duration authBackoff(int failures) {
        Duration wait = pollInterval.multipliedBy(1L << Math.min(failures - 1, 30));
        return wait.compareTo(maxAuthBackoff) > 0 || wait.isNegative() ? maxAuthBackoff : wait;
    }

    public String account() {
        return account;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** Whether a poll is under way (its messages are being delivered). */
    public boolean isPolling() {
        return polling;
    }

    /** Time since the consumer's scheduler last called this strategy, polling or skipping. */
    public Duration sinceLastPoll() {
        return Duration.ofNanos(System.nanoTime() - lastPollStarted);
    }

    public int consecutiveAuthenticationFailures() {
        return authFailures;
    }

    private static String describe(Throwable failure) {
        return isAuthenticationFailure(failure) ? "authentication failed: " + failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }
}
