package io.mailbridge.bench;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stock camel-mail with its defaults: {@code imaps://host:port?username=..&password=RAW(..)} and nothing else; the
 * bench certificate is trusted through the JVM's {@code javax.net.ssl.trustStore}. A no-op route; each exchange is
 * counted once camel-mail committed it (\Seen).
 */
final class CamelMailRun {

    private final Server server;
    private final Progress progress;

    CamelMailRun(Server server, Progress progress) {
        this.server = server;
        this.progress = progress;
    }

    /** Drains the mailbox and returns the result, taken before Camel stops (its poll thread's CPU dies with it). */
    Result drain(String user, Duration timeout, ResourceSampler resources) throws Exception {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("username", user);
        options.put("password", "RAW(" + server.password() + ")");
        String uri = "imaps:" + server.host() + ":" + server.port() + "?"
                + URISupport.createQueryString(options, false);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getManagementStrategy().addEventNotifier(new CompletionCounter(progress));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("mail-stock").process(exchange -> { });
                }
            });
            camel.start();
            boolean done = progress.await(timeout);
            return progress.result(ContenderKind.CAMEL_MAIL.id(), resources, -1, null,
                    done ? null : "timed out after " + timeout.toSeconds() + " s");
        }
    }
}
