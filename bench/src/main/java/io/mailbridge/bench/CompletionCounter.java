package io.mailbridge.bench;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.CamelContextStartedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.RouteStartedEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Feeds {@link Progress} from Camel events of the consumer routes ({@code mail-*}). Camel fires "exchange
 * completed" after the unit of work's synchronizations ran, so after camel-mail's commit set \Seen: a counted
 * message is a committed one.
 */
final class CompletionCounter extends EventNotifierSupport {

    private final Progress progress;
    private volatile boolean routeStarted;

    CompletionCounter(Progress progress) {
        this.progress = progress;
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCompletedEvent completed && fromConsumer(completed.getExchange())) {
            progress.delivered();
        } else if (event instanceof ExchangeFailedEvent failed && fromConsumer(failed.getExchange())) {
            progress.failed();
        } else if (event instanceof RouteStartedEvent started && !routeStarted
                && started.getRoute().getRouteId().startsWith("mail-")) {
            routeStarted = true;
            progress.start();
        } else if (event instanceof CamelContextStartedEvent) {
            progress.started();
        }
    }

    private static boolean fromConsumer(Exchange exchange) {
        String route = exchange.getFromRouteId();
        return route != null && route.startsWith("mail-");
    }
}
