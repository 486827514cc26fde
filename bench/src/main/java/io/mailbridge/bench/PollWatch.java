package io.mailbridge.bench;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches every consumer route ({@code mail-*}) for a while and tells whether each account was polled within every
 * poll interval: a poll is seen when the scheduled consumer's poll counter moves (or the consumer was replaced).
 */
final class PollWatch {

    /** How late a poll may be before it counts as missed: the poll's own duration and the 100 ms sampling. */
    static final Duration SLACK = Duration.ofSeconds(1);

    record Stats(int late, int minPolls, double maxGapSeconds) {
    }

    private PollWatch() {
    }

    static Stats watch(CamelContext camel, Duration interval, Duration window) throws InterruptedException {
        Map<String, Long> counters = new HashMap<>();
        Map<String, Consumer> consumers = new HashMap<>();
        Map<String, List<Long>> polls = new HashMap<>();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            for (Route route : camel.getRoutes()) {
                if (!route.getRouteId().startsWith("mail-")
                        || !(route.getConsumer() instanceof ScheduledPollConsumer consumer)) {
                    continue;
                }
                String id = route.getRouteId();
                long counter = consumer.getCounter();
                Long before = counters.put(id, counter);
                Consumer previous = consumers.put(id, consumer);
                polls.computeIfAbsent(id, any -> new ArrayList<>());
                if (before != null && (before != counter || previous != consumer)) {
                    polls.get(id).add(now);
                }
            }
            Thread.sleep(100);
        }
        long allowed = interval.plus(SLACK).toNanos();
        int late = 0;
        int minPolls = Integer.MAX_VALUE;
        long maxGap = 0;
        for (List<Long> times : polls.values()) {
            long previous = start;
            long gap = 0;
            for (long time : times) {
                gap = Math.max(gap, time - previous);
                previous = time;
            }
            gap = Math.max(gap, end - previous);
            maxGap = Math.max(maxGap, gap);
            late += gap > allowed ? 1 : 0;
            minPolls = Math.min(minPolls, times.size());
        }
        return new Stats(late, polls.isEmpty() ? 0 : minPolls, maxGap / 1e9);
    }
}
