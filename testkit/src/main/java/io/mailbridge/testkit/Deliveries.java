package io.mailbridge.testkit;

import io.mailbridge.message.MailMessage;

import java.time.Duration;
import java.util.List;

/**
 * What reached Camel endpoints during the test, and the replaced endpoints of {@link MailbridgeTest#replace()}.
 *
 * <p>Every send to any endpoint is recorded, with the body and headers it had then ({@code direct:mail} still holds
 * the {@code MailMessage} although the pipeline marshals it later). A message counts once the exchange it belongs to
 * is done, so after {@code awaitOne} the server already shows the mail seen, or unseen if the pipeline failed.
 * URIs match as in Camel's {@code interceptSendToEndpoint}: exact ({@code direct:mail}), {@code prefix*} or a
 * regex; a URI without options also matches the endpoint with any, so {@code kafka:tickets} matches
 * {@code kafka:tickets?brokers=b:9092}.
 */
public final class Deliveries {

    private final ExchangeRecorder recorder;
    private final ReplacedEndpoints replaced;

    Deliveries(ExchangeRecorder recorder, ReplacedEndpoints replaced) {
        this.recorder = recorder;
        this.replaced = replaced;
    }

    /** Waits for exactly one message at the endpoint and returns it as the {@link MailMessage} it carries. */
    public MailMessage awaitOne(String uri, Duration timeout) {
        return awaitCount(uri, 1, timeout).get(0).mailMessage();
    }

    /** Waits for exactly one message at the endpoint and returns its body converted to the type. */
    public <T> T awaitOne(String uri, Class<T> type, Duration timeout) {
        return awaitCount(uri, 1, timeout).get(0).body(type);
    }

    /**
     * Waits until {@code count} messages reached the endpoint and returns them, oldest first; fails if fewer came
     * within the timeout or more had come by then, saying what arrived where instead.
     */
    public List<Delivery> awaitCount(String uri, int count, Duration timeout) {
        List<Delivery> arrived = recorder.await(timeout, () -> {
            List<Delivery> now = recorder.settled(uri);
            return now.size() >= count ? now : null;
        }, () -> "expected " + messages(count) + " at " + uri + " within " + ExchangeRecorder.seconds(timeout)
                + ", got " + recorder.settled(uri).size() + recorder.whatHappened(uri));
        if (arrived.size() > count) {
            throw new AssertionError("expected " + messages(count) + " at " + uri + ", got " + arrived.size()
                    + ": " + arrived);
        }
        return arrived;
    }

    /** The messages that reached the endpoint so far, oldest first, without waiting. */
    public List<Delivery> received(String uri) {
        return recorder.settled(uri);
    }

    /**
     * Makes every later send to a replaced endpoint matching {@code uri} fail with this exception, as if the broker
     * or service behind it were down; the mail stays unseen and is retried at the next poll.
     */
    public void failAt(String uri, Exception failure) {
        replaced.failAt(uri, failure);
    }

    /** Undoes {@link #failAt} for the same {@code uri}. */
    public void stopFailingAt(String uri) {
        replaced.stopFailingAt(uri);
    }

    private static String messages(int count) {
        return count == 1 ? "1 message" : count + " messages";
    }
}
