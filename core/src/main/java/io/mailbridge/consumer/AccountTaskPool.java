package io.mailbridge.consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;

import java.util.concurrent.ScheduledExecutorService;

/**
 * A scheduled thread pool whose queue holds a task per account however many accounts there are: Camel's default
 * profile refuses a task once 1,000 are queued, and every account keeps its periodic poll (or IDLE renewal) queued.
 */
final class AccountTaskPool {

    private AccountTaskPool() {
    }

    static ScheduledExecutorService create(CamelContext camel, Object owner, String name, int threads) {
        ThreadPoolProfile unbounded = new ThreadPoolProfileBuilder(name)
                .poolSize(threads)
                .maxPoolSize(threads)
                .maxQueueSize(-1)
                .build();
        return camel.getExecutorServiceManager().newScheduledThreadPool(owner, name, unbounded);
    }
}
