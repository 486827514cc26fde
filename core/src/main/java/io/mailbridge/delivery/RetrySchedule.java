package io.mailbridge.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each failed message of an account may be tried again: {@code retryDelay} after its first failure, doubled
 * after each further one up to {@code maxRetryDelay}. Kept in memory: after a restart every message is tried at
 * once, which costs at most one early attempt each.
 */
public final class RetrySchedule {

    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Map<MessageKey, Long> notBefore = new ConcurrentHashMap<>();

    public RetrySchedule(Duration retryDelay, Duration maxRetryDelay) {
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
    }

    /** Schedules the next attempt after failed attempt number {@code attempts}; returns the wait. */
    Duration failed(MessageKey key, int attempts) {
        Duration wait = delay(attempts);
        notBefore.put(key, System.nanoTime() + wait.toNanos());
        return wait;
    }

    /** Whether the message's next attempt is not due yet. */
    boolean isWaiting(MessageKey key) {
        Long due = notBefore.get(key);
        if (due == null) {
            return false;
        }
        if (System.nanoTime() - due < 0) {
            return true;
        }
        notBefore.remove(key, due);
        return false;
    }

    Duration delay(int attempts) {
        Duration wait = retryDelay.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        return wait.compareTo(maxRetryDelay) > 0 || wait.isNegative() ? maxRetryDelay : wait;
    }
}
