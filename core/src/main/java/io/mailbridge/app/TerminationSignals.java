package io.mailbridge.app;

import org.apache.camel.main.MainSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop of the Camel main: stop polling, finish and commit the messages in
 * flight (within {@code camel.main.shutdownTimeout}), then exit 0, instead of the JVM's default exit code 143.
 */
public final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {
    }

    public static void stopGracefullyOn(MainSupport main) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("SIG{} received: finishing the messages in flight, then stopping", signal.getName());
                main.completed();
            });
        }
    }
}
