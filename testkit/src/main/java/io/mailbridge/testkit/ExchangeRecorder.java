package io.mailbridge.testkit;

import io.mailbridge.consumer.BatchImapEndpoint;
import io.mailbridge.consumer.MailCommittedEvent;
import io.mailbridge.pipeline.Seam;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Records, from Camel's events, every message sent to any endpoint, and when the exchange it came from is done:
 * for mail that is once the consumer stored its outcome on the server (the seen flag, a move) or the exchange
 * failed, so a test may check the server right away. Waits on that record wake at every event and re-check every 100 ms.
 */
final class ExchangeRecorder extends EventNotifierSupport {

    /** The id of the first exchange of a lineage, copied into split, multicast and wire-tap copies. */
    private static final String ROOT = "mailbridge.testkit.rootExchangeId";
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int FAILURES_SHOWN = 3;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Capture> captures = new ArrayList<>();
    private final Set<String> finished = new HashSet<>();
    private final Deque<String> failures = new ArrayDeque<>();

    ExchangeRecorder() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCreatedEvent || event instanceof ExchangeSendingEvent
                || event instanceof ExchangeSentEvent || event instanceof ExchangeCompletedEvent
                || event instanceof ExchangeFailedEvent || event instanceof MailCommittedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof MailCommittedEvent committed) {
            lock.lock();
            try {
                finished.addAll(committed.exchangeIds());
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return;
        }
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (event instanceof ExchangeCreatedEvent) {
            if (exchange.getProperty(ROOT) == null) {
                exchange.setProperty(ROOT, exchange.getExchangeId());
            }
            return;
        }
        if (isSeamHop(event)) {
            return;
        }
        lock.lock();
        try {
            if (event instanceof ExchangeSendingEvent sending) {
                captures.add(new Capture(sending.getEndpoint().getEndpointUri(), exchange.getExchangeId(),
                        exchange.getProperty(ROOT, String.class), Delivery.of(sending.getEndpoint().getEndpointUri(),
                        exchange)));
            } else if (event instanceof ExchangeSentEvent sent) {
                sent(sent.getEndpoint().getEndpointUri(), exchange);
            } else if (event instanceof ExchangeFailedEvent || !(exchange.getFromEndpoint() instanceof BatchImapEndpoint)
                    || exchange.isFailed() || exchange.isRollbackOnly()) {
                finished.add(exchange.getExchangeId());
                if (event instanceof ExchangeFailedEvent && exchange.getException() != null) {
                    failed(exchange);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The messages that reached endpoints matching the URI or pattern, whose exchanges are done, oldest first. */
    List<Delivery> settled(String uri) {
        lock.lock();
        try {
            return captures.stream().filter(this::isSettled).filter(capture -> matches(capture, uri))
                    .map(Capture::delivery).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * What a failed wait should add: where messages went (other than {@code uri}, when given), what is still in
     * flight there, and the latest failures.
     */
    String whatHappened(String uri) {
        lock.lock();
        try {
            Map<String, Long> elsewhere = captures.stream().filter(capture -> uri == null || !matches(capture, uri))
                    .collect(Collectors.groupingBy(Capture::endpoint, LinkedHashMap::new, Collectors.counting()));
            String where = uri == null ? "endpoints" : "other endpoints";
            StringBuilder text = new StringBuilder();
            text.append(elsewhere.isEmpty() ? "\n  no message reached any " + where
                    : "\n  messages seen at " + where + ": " + elsewhere.entrySet().stream()
                    .map(entry -> entry.getKey() + " (" + entry.getValue() + ")").collect(Collectors.joining(", ")));
            long inFlight = uri == null ? 0
                    : captures.stream().filter(capture -> matches(capture, uri) && !isSettled(capture)).count();
            if (inFlight > 0) {
                text.append("\n  still in flight at ").append(uri).append(": ").append(inFlight);
            }
            failures.forEach(failure -> text.append("\n  failed: ").append(failure));
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the probe's first non-null answer, asking again at each event; fails with the message when the
     * timeout passes first.
     */
    <T> T await(Duration timeout, Supplier<T> probe, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            for (T found = probe.get(); ; found = probe.get()) {
                if (found != null) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure.get());
                }
                changed.awaitNanos(Math.min(left, RECHECK_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting: " + failure.get(), e);
        } finally {
            lock.unlock();
        }
    }

    /** A timeout as a test author wrote it: {@code 10 s}, {@code 0.5 s}. */
    static String seconds(Duration timeout) {
        return java.math.BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A send from a seam route to a pipeline route on it: mailbridge's inner hop, never named in a test. */
    private static boolean isSeamHop(CamelEvent event) {
        Endpoint endpoint = event instanceof ExchangeSendingEvent sending ? sending.getEndpoint()
                : event instanceof ExchangeSentEvent sent ? sent.getEndpoint() : null;
        return endpoint != null && Seam.isFlowEndpoint(endpoint.getEndpointUri());
    }

    private void sent(String endpoint, Exchange exchange) {
        // sends nest (direct:mail's route sends to file: before direct:mail returns): match the latest open one
        for (int i = captures.size() - 1; i >= 0; i--) {
            if (captures.get(i).awaitsSentEvent(exchange.getExchangeId(), endpoint)) {
                captures.get(i).sent(exchange.getException());
                return;
            }
        }
    }

    private void failed(Exchange exchange) {
        Exception e = exchange.getException();
        String failure = "route " + exchange.getFromRouteId() + ": " + e.getClass().getSimpleName() + ": "
                + e.getMessage();
        // a flow's copy of the exchange fails first, then the exchange it was copied from, with the same exception
        if (failure.equals(failures.peekLast())) {
            return;
        }
        failures.addLast(failure);
        while (failures.size() > FAILURES_SHOWN) {
            failures.removeFirst();
        }
    }

    private boolean isSettled(Capture capture) {
        return capture.isSettled(finished);
    }

    private boolean matches(Capture capture, String uri) {
        return EndpointPatterns.matches(getCamelContext(), capture.endpoint(), uri);
    }
}
