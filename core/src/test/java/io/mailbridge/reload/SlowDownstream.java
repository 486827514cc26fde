package io.mailbridge.reload;

import org.apache.camel.builder.RouteBuilder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A downstream route at {@code direct:slow} that holds the first message until the test releases it. */
final class SlowDownstream extends RouteBuilder {

    static final String ENDPOINT = "direct:slow";

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void configure() {
        from(ENDPOINT).routeId("slow-downstream").process(exchange -> {
            entered.countDown();
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the message");
            }
        });
    }

    boolean awaitMessage() throws InterruptedException {
        return entered.await(20, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }
}
