package io.mailbridge.testkit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.EndpointHelper;

/**
 * Matches endpoint URIs as Camel's {@code interceptSendToEndpoint} does (exact, {@code prefix*}, regex), and also
 * lets a URI written without options match the endpoint with any: {@code kafka:tickets} matches
 * {@code kafka://tickets?brokers=localhost:9092}.
 */
final class EndpointPatterns {

    private EndpointPatterns() {
    }

    static boolean matches(CamelContext camel, String endpointUri, String pattern) {
        if (EndpointHelper.matchEndpoint(camel, endpointUri, pattern)) {
            return true;
        }
        int options = endpointUri.indexOf('?');
        return options > 0 && !pattern.contains("?")
                && EndpointHelper.matchEndpoint(camel, endpointUri.substring(0, options), pattern);
    }
}
