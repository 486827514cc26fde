package io.mailbridge.faults;

import org.apache.camel.builder.RouteBuilder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A downstream route on {@code direct:held} that keeps every message, and the poll thread, until the test releases. */
final class HeldDownstream extends RouteBuilder {

    static final String ENDPOINT = "direct:held";

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void configure() {
        from(ENDPOINT).routeId("held").process(exchange -> {
            entered.countDown();
            if (!released.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the message");
            }
        });
    }

    boolean holds() {
        return entered.getCount() == 0;
    }

    void release() {
        released.countDown();
    }
}
