package io.mailbridge.ops;

import org.apache.camel.ServiceStatus;

import java.time.Duration;

/**
 * A snapshot of an account's poller.
 *
 * @param sinceLastPoll time since the consumer's scheduler last started a poll (or skipped one on purpose)
 */
record PollerState(String routeId, ServiceStatus routeStatus, boolean inPoll, Duration sinceLastPoll,
                   Duration pollInterval) {
}
