package io.mailbridge.ops;

import io.mailbridge.poll.PollPacing;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/** An account's consumer whose scheduled task was cancelled, as an Error on the poll thread cancels it. */
record StoppedPoller(Instant lastPoll) {

    static StoppedPoller stop(Route route) {
        ScheduledPollConsumer consumer = (ScheduledPollConsumer) route.getConsumer();
        PollPacing pacing = (PollPacing) consumer.getPollStrategy();
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.isPolling());
        consumer.getScheduler().unscheduleTask();
        // a poll that started in between still runs to its end
        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.isPolling());
        return new StoppedPoller(Instant.now().minus(pacing.sinceLastPoll()));
    }
}
