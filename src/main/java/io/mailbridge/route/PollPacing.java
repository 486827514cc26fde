package io.mailbridge.route;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.SynchronizationAdapter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Paces one account's polls: a greedy re-poll (draining a backlog) follows only a batch in which at least one
 * message was delivered, so a message whose downstream keeps failing waits for the next poll interval instead of
 * being retried in a tight loop against the server.
 *
 * <p>It is both the consumer's poll strategy and a step of the account route that watches each message's outcome.
 */
public final class PollPacing extends DefaultPollingConsumerPollStrategy implements Processor {

    private final AtomicInteger deliveredInPoll = new AtomicInteger();
    private volatile boolean stalled;

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (stalled) {
            stalled = false;
            return false;
        }
        deliveredInPoll.set(0);
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        stalled = polledMessages > 0 && deliveredInPoll.get() == 0;
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

    /** Whether the last poll retrieved messages but delivered none of them. */
    public boolean isStalled() {
        return stalled;
    }
}
