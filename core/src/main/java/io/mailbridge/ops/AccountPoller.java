package io.mailbridge.ops;

import io.mailbridge.account.Account;
import io.mailbridge.poll.PollPacing;
import io.mailbridge.poll.WatchedPollScheduler;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;

import java.util.Optional;

/** An account route as the operator sees it: the route, its polling consumer and that consumer's {@link PollPacing}. */
record AccountPoller(Route route, ScheduledPollConsumer consumer, PollPacing pacing) {

    static Optional<AccountPoller> of(Route route) {
        if (route.getConsumer() instanceof ScheduledPollConsumer consumer
                && consumer.getPollStrategy() instanceof PollPacing pacing) {
            return Optional.of(new AccountPoller(route, consumer, pacing));
        }
        return Optional.empty();
    }

    /**
     * The route that polls the account, looked up each time because routes come and go with the accounts file. By
     * its usual id first: a health query or scrape asks this for every account, and a scan of all routes for each
     * would make it quadratic; the scan remains for a templated route given another id.
     */
    static Optional<AccountPoller> find(CamelContext camel, String account) {
        Route usual = camel.getRoute(Account.routeIdOf(account));
        Optional<AccountPoller> byId = usual == null ? Optional.empty()
                : of(usual).filter(poller -> poller.account().equals(account));
        return byId.isPresent() ? byId : camel.getRoutes().stream()
                .map(AccountPoller::of)
                .flatMap(Optional::stream)
                .filter(poller -> poller.account().equals(account))
                .findFirst();
    }

    String account() {
        return pacing.account();
    }

    /** What the health rules need to know, read now. */
    PollerState state(CamelContext camel) {
        String routeId = route.getRouteId();
        // PollPacing alone would stay "polling" forever after an Error killed the poll; the consumer's counter is
        // decremented in a finally block
        boolean inPoll = pacing.isPolling() && consumer.isPolling();
        boolean taskScheduled = consumer.getScheduledExecutorService() instanceof WatchedPollScheduler watched
                && watched.isPollTaskScheduled();
        return new PollerState(routeId, camel.getRouteController().getRouteStatus(routeId), inPoll,
                pacing.sinceLastPoll(), pacing.pollInterval(), taskScheduled);
    }
}
