package io.mailbridge.poll;

import io.mailbridge.account.Account;
import io.mailbridge.check.FailureDiagnosis;
import io.mailbridge.status.AccountStatus;
import jakarta.mail.AuthenticationFailedException;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.SynchronizationAdapter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Paces one account's polls. A greedy re-poll (draining a backlog) follows only a batch that delivered at least one
 * message, so a failing message waits for the next interval instead of being retried in a tight loop. After a
 * failed login the next attempt waits exponentially longer (one poll interval, then 2, 4, ... up to
 * {@code maxAuthBackoff}), so a wrong app password never gets a Google account locked; after any other failed poll
 * it waits as {@link ConnectionBackoff} says. A successful poll ends both backoffs. Each failure is diagnosed in the
 * check's words for the account's status. It also remembers when the consumer last polled, for {@link PollWatchdog}.
 *
 * <p>It is both the consumer's poll strategy and a step of the account route that watches each message's outcome.
 */
public final class PollPacing extends DefaultPollingConsumerPollStrategy implements Processor {

    private final Account account;
    private final AccountStatus status;
    private final ConnectionBackoff connectionBackoff;
    private final AtomicInteger deliveredInPoll = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean polling;
    private volatile long lastPollStarted = System.nanoTime();
    private volatile int authFailures;
    private volatile int connectionFailures;
    private volatile long notBefore = System.nanoTime();

    public PollPacing(Account account, AccountStatus status, ConnectionBackoff connectionBackoff) {
        this.account = account;
        this.status = status;
        this.connectionBackoff = connectionBackoff;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        long now = System.nanoTime();
        lastPollStarted = now;
        if (consumer instanceof DefaultConsumer polled) {
            PollFailuresAtDebug.install(account.name(), polled);
        }
        if (now - notBefore < 0) {
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
            failed(openFailure.get(), false);
            return;
        }
        connectionFailures = 0;
        if (polledMessages == 0) {
            status.backlog(0);
        }
        status.pollSucceeded(Instant.now(), Duration.ofNanos(System.nanoTime() - lastPollStarted).toMillis());
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        polling = false;
        status.takeFolderOpenFailure();
        failed(FailureDiagnosis.of(account, cause), isAuthenticationFailure(cause));
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

    private void failed(String diagnosis, boolean authentication) {
        Duration wait;
        if (authentication) {
            connectionFailures = 0;
            wait = authBackoff(++authFailures);
        } else {
            if (deliveredInPoll.get() > 0) {
                // the poll got as far as delivering mail: the connection works, and this is a first failure
                connectionFailures = 0;
            }
            wait = connectionBackoff.after(++connectionFailures, account.pollInterval());
        }
        notBefore = System.nanoTime() + wait.toNanos();
        status.pollFailed(diagnosis, wait);
    }

    /** The wait before login attempt {@code failures + 1}: the poll interval doubled per failure, capped. */
    Duration authBackoff(int failures) {
        Duration wait = account.pollInterval().multipliedBy(1L << Math.min(failures - 1, 30));
        return wait.compareTo(account.maxAuthBackoff()) > 0 || wait.isNegative() ? account.maxAuthBackoff() : wait;
    }

    public String account() {
        return account.name();
    }

    public Duration pollInterval() {
        return account.pollInterval();
    }

    /**
     * Another connection to the server (the IMAP IDLE watcher's) has just logged in: the next poll need not wait out
     * a backoff after failed connections. A backoff after rejected logins stays.
     */
    public void serverReachable() {
        if (authFailures == 0) {
            notBefore = System.nanoTime();
        }
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

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }
}
