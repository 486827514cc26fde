package io.mailbridge.testkit;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import java.util.Map;
import java.util.Optional;

/**
 * Stands in for a replaced endpoint under its original URI: a send is recorded by {@link Deliveries} and goes
 * nowhere (or fails, when the test asked for it); a route consuming from it starts and receives nothing.
 */
final class ReplacementEndpoint extends DefaultEndpoint {

    private final ReplacedEndpoints replaced;

    ReplacementEndpoint(String uri, org.apache.camel.Component component, ReplacedEndpoints replaced) {
        super(uri, component);
        this.replaced = replaced;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                Optional<Exception> failure = replaced.failureFor(getEndpointUri());
                if (failure.isPresent()) {
                    throw failure.get();
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        return new DefaultConsumer(this, processor);
    }

    @Override
    public boolean isLenientProperties() {
        // the original component's options (brokers=..., httpMethod=...) mean nothing here
        return true;
    }

    /** The component registered for a replaced scheme that has no component on the test classpath. */
    static final class Component extends DefaultComponent {

        private final ReplacedEndpoints replaced;

        Component(ReplacedEndpoints replaced) {
            this.replaced = replaced;
        }

        @Override
        protected ReplacementEndpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            parameters.clear();
            return new ReplacementEndpoint(uri, this, replaced);
        }
    }
}
