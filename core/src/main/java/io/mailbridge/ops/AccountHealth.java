package io.mailbridge.ops;

import io.mailbridge.status.AccountStatus;
import org.apache.camel.ServiceStatus;
import org.apache.camel.util.URISupport;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules that make an account UP or DOWN. Liveness asks only "is its consumer still polling?", which a restart
 * fixes; readiness also asks whether the last poll worked, which a wrong password or a missing mailbox breaks.
 */
final class AccountHealth {

    /** Slack for the poll itself and the scheduler; the same as the poll watchdog's. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** A poll running longer than this, and longer than two poll intervals, is stuck. */
    static final Duration STUCK_POLL = Duration.ofMinutes(5);

    /** @param reason why the account is DOWN; {@code null} when it is UP */
    record Verdict(boolean up, String reason) {

        static final Verdict UP = new Verdict(true, null);

        static Verdict down(String reason) {
            return new Verdict(false, reason);
        }
    }

    private AccountHealth() {
    }

    /**
     * @param poller   empty when no route polls the account (being added or removed)
     * @param liveness only judge whether the consumer is still polling
     */
    static Verdict assess(AccountStatus status, Optional<PollerState> poller, boolean liveness) {
        if (poller.isEmpty()) {
            return liveness ? Verdict.UP : Verdict.down("no route polls this account");
        }
        PollerState state = poller.get();
        if (state.routeStatus() != ServiceStatus.Started) {
            return liveness ? Verdict.UP : Verdict.down("route " + state.routeId() + " is " + state.routeStatus());
        }
        Optional<String> pollerProblem = pollerProblem(state);
        if (pollerProblem.isPresent()) {
            return Verdict.down(pollerProblem.get());
        }
        if (liveness) {
            return Verdict.UP;
        }
        Optional<String> waiting = waitingForThread(state);
        if (waiting.isPresent()) {
            return Verdict.down(waiting.get());
        }
        Optional<String> lastError = status.lastError();
        if (lastError.isPresent()) {
            return Verdict.down(URISupport.sanitizeUri(lastError.get()));
        }
        if (status.lastSuccessfulPoll().isEmpty()) {
            return Verdict.down("no poll has completed yet");
        }
        return Verdict.UP;
    }

    /**
     * A consumer that stopped polling (its scheduled task died) or whose poll hangs. A poll that is late but still
     * scheduled waits for a free thread of the shared pool (a thousand first polls at start-up): not dead, so
     * restarting the process would not help it.
     */
    static Optional<String> pollerProblem(PollerState state) {
        Duration interval = state.pollInterval();
        if (state.inPoll()) {
            Duration limit = max(interval.multipliedBy(2), STUCK_POLL);
            return state.sinceLastPoll().compareTo(limit) > 0
                    ? Optional.of("poll running for " + state.sinceLastPoll().toSeconds() + " s (limit "
                    + limit.toSeconds() + " s)")
                    : Optional.empty();
        }
        Duration limit = interval.multipliedBy(2).plus(GRACE);
        return state.sinceLastPoll().compareTo(limit) > 0 && !state.taskScheduled()
                ? Optional.of("the consumer has not polled for " + seconds(state.sinceLastPoll()) + " s (poll interval "
                + seconds(interval) + " s)")
                : Optional.empty();
    }

    /** A poll overdue by the same threshold whose task is still scheduled: a readiness problem only. */
    static Optional<String> waitingForThread(PollerState state) {
        Duration limit = state.pollInterval().multipliedBy(2).plus(GRACE);
        return !state.inPoll() && state.taskScheduled() && state.sinceLastPoll().compareTo(limit) > 0
                ? Optional.of("its poll has waited " + seconds(state.sinceLastPoll()) + " s for a free poll thread"
                + " (poll interval " + seconds(state.pollInterval()) + " s)")
                : Optional.empty();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
