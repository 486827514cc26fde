package io.mailbridge.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one {@link MailbridgeTest} asks for, checked before anything starts. */
record Settings(Path accounts, Path routes, List<String> replace, Map<String, String> properties,
                Duration pollInterval) {

    static Settings of(MailbridgeTest test) {
        if (!(test.pollInterval() > 0)) {
            throw new IllegalArgumentException(
                    "@MailbridgeTest(pollInterval) must be a positive number of seconds, was " + test.pollInterval());
        }
        return new Settings(Path.of(test.accounts()), Path.of(test.routes()), List.of(test.replace()),
                properties(test.properties()), Duration.ofMillis(Math.round(test.pollInterval() * 1000)));
    }

    private static Map<String, String> properties(String[] pairs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "@MailbridgeTest(properties) takes key=value pairs, got '" + pair + "'");
            }
            properties.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return properties;
    }
}
