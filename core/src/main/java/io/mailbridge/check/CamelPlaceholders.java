package io.mailbridge.check;

import io.mailbridge.account.PlaceholderResolver;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Resolves placeholders as the running application does ({@code {{env:}}}, {@code {{sys:}}}, vault functions and
 * {@code application.properties}, overridable by environment variables and system properties), without starting
 * any route.
 */
final class CamelPlaceholders {

    private CamelPlaceholders() {
    }

    /**
     * A resolver over a built but never started context: it holds no thread or socket, so it needs no shutdown
     * (which would only log Camel's shutdown banner into the check's output).
     */
    static PlaceholderResolver resolver() {
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        camel.build();
        return camel::resolvePropertyPlaceholders;
    }
}
