package io.mailbridge.testkit;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.EndpointStrategy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Swaps every endpoint whose URI matches a replace pattern for a {@link ReplacementEndpoint}, as Camel's own
 * {@code mockEndpointsAndSkip} does: an endpoint strategy registered before the routes are created, so routes,
 * {@code toD}, {@code enrich} and producer templates all get the replacement. A pattern that names a scheme with no
 * component on the classpath ({@code kafka:*} without camel-kafka) gets a stand-in component for it.
 */
final class ReplacedEndpoints implements EndpointStrategy {

    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*");

    private final List<String> patterns;
    private final Map<String, Exception> failures = new ConcurrentHashMap<>();
    private CamelContext camel;

    ReplacedEndpoints(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** Call before the routes are created, i.e. before the context starts. */
    void attach(CamelContext camel) {
        this.camel = camel;
        for (String pattern : patterns) {
            Matcher scheme = SCHEME.matcher(pattern);
            if (scheme.matches() && camel.getComponent(scheme.group(1)) == null) {
                camel.addComponent(scheme.group(1), new ReplacementEndpoint.Component(this));
            }
        }
        camel.getCamelContextExtension().registerEndpointCallback(this);
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof ReplacementEndpoint || !isReplaced(uri)) {
            return endpoint;
        }
        ReplacementEndpoint replacement = new ReplacementEndpoint(endpoint.getEndpointUri(), null, this);
        replacement.setCamelContext(camel);
        return replacement;
    }

    boolean isReplaced(String uri) {
        return patterns.stream().anyMatch(pattern -> EndpointPatterns.matches(camel, uri, pattern));
    }

    void failAt(String uri, Exception failure) {
        if (!isReplaced(uri)) {
            throw new IllegalArgumentException("only a replaced endpoint can be made to fail, and " + uri
                    + " is not replaced; add it to @MailbridgeTest(replace = ...), which has " + patterns);
        }
        failures.put(uri, failure);
    }

    void stopFailingAt(String uri) {
        failures.remove(uri);
    }

    /** The failure a send to this endpoint should end with, if a test asked for one. */
    Optional<Exception> failureFor(String endpointUri) {
        return failures.entrySet().stream()
                .filter(failure -> EndpointPatterns.matches(camel, endpointUri, failure.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
