package io.mailbridge.testkit;

import io.mailbridge.account.PlaceholderResolver;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves placeholders before the application starts, the way it will: {@code application.properties}, the
 * test's properties, {@code env:} and {@code sys:}. A context that is never started does the work.
 */
final class Placeholders implements PlaceholderResolver, AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();

    Placeholders(Map<String, String> properties) {
        camel.getPropertiesComponent().setLocation("classpath:application.properties;optional=true");
        use(properties);
    }

    /** Replaces the test's properties with these. */
    void use(Map<String, String> properties) {
        Properties overrides = new Properties();
        overrides.putAll(properties);
        camel.getPropertiesComponent().setOverrideProperties(overrides);
    }

    @Override
    public String resolve(String text) {
        return camel.resolvePropertyPlaceholders(text);
    }

    /** The resolved text, or empty when a placeholder in it cannot be resolved here. */
    Optional<String> tryResolve(String text) {
        try {
            return Optional.of(resolve(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the context that resolved the test's placeholders", e);
        }
    }
}
