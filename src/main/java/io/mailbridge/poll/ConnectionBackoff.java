package io.mailbridge.poll;

import org.apache.camel.CamelContext;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long an account waits after polls that failed for another reason than a rejected login (a refused connection,
 * an unknown host, a timeout, a TLS failure, a BYE, a dropped connection): exponential from one poll interval, with
 * equal jitter so that the accounts of a server that went down do not all come back at once, capped by
 * {@value #MAX_PROPERTY} (5 minutes).
 */
public final class ConnectionBackoff {

    public static final String MAX_PROPERTY = "mailbridge.maxConnectionBackoffSeconds";
    public static final Duration DEFAULT_MAX = Duration.ofMinutes(5);
    private static final double LONGEST_SECONDS = 86_400;

    private final Duration max;
    private final DoubleSupplier random;

    public ConnectionBackoff(Duration max) {
        this(max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random a number from 0 (inclusive) to 1 (exclusive) per call */
    ConnectionBackoff(Duration max, DoubleSupplier random) {
        this.max = max;
        this.random = random;
    }

    /** The cap from the property {@value #MAX_PROPERTY} (seconds, decimals allowed), else 5 minutes. */
    public static ConnectionBackoff configured(CamelContext camel) {
        String text = camel.resolvePropertyPlaceholders("{{" + MAX_PROPERTY + ":" + DEFAULT_MAX.toSeconds() + "}}")
                .strip();
        double seconds;
        try {
            seconds = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_PROPERTY + " must be a number of seconds, was '" + text + "'", e);
        }
        if (!(seconds > 0 && seconds <= LONGEST_SECONDS)) {
            throw new IllegalArgumentException(MAX_PROPERTY + " must be more than 0 and at most "
                    + (long) LONGEST_SECONDS + " seconds, was " + text);
        }
        return new ConnectionBackoff(Duration.ofMillis(Math.max(1, Math.round(seconds * 1000))));
    }

    public Duration max() {
        return max;
    }

    /**
     * The wait after {@code failures} failed polls in a row: a random time from half to all of the poll interval
     * doubled per failure after the first, capped. It is rounded up to whole poll intervals, as the consumer only
     * wakes once per interval, so the first retry is always one interval later; it never exceeds the cap, or one
     * interval when that is longer.
     */
    Duration after(int failures, Duration pollInterval) {
        long interval = Math.max(1, pollInterval.toMillis());
        long ceiling = Math.max(interval, max.toMillis());
        long full = Math.min(ceiling, interval << Math.min(Math.max(failures, 1) - 1, 30));
        double drawn = full / 2.0 + random.getAsDouble() * full / 2.0;
        long intervals = Math.max(1, Math.min((long) Math.ceil(drawn / interval), ceiling / interval));
        return Duration.ofMillis(intervals * interval);
    }
}
