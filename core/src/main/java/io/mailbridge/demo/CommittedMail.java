package io.mailbridge.demo;

import io.mailbridge.consumer.MailCommittedEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Counts the messages one route has committed on the server (flagged seen or moved), for the demo to wait on. */
final class CommittedMail extends EventNotifierSupport {

    private final String routeId;
    private final Semaphore committed = new Semaphore(0);

    CommittedMail(String routeId) {
        this.routeId = routeId;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof MailCommittedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        MailCommittedEvent mail = (MailCommittedEvent) event;
        if (routeId.equals(mail.routeId())) {
            committed.release(mail.exchangeIds().size());
        }
    }

    /** Whether {@code count} messages were committed within the timeout. */
    boolean await(int count, long timeout, TimeUnit unit) throws InterruptedException {
        return committed.tryAcquire(count, timeout, unit);
    }
}
