package io.mailbridge.ops;

import org.apache.camel.ServiceStatus;

import java.time.Duration;

/**
 * A snapshot of an account's poller.
 *
 * @param sinceLastPoll time since the consumer's scheduler last started a poll (or skipped one on purpose)
 * @param taskScheduled whether its poll task is known to be still scheduled, so that a late poll waits for a free
 *                      thread of the shared pool instead of never coming (false when unknown)
 */
record PollerState(String routeId, ServiceStatus routeStatus, boolean inPoll, Duration sinceLastPoll,
                   Duration pollInterval, boolean taskScheduled) {
}
