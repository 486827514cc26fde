package io.mailbridge.support;

import io.mailbridge.app.MailbridgeApplication;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/** A mailbridge application started in the test JVM, as {@code run} would start it, stopped on close. */
public final class RunningMailbridge implements AutoCloseable {

    private final Main main;

    private RunningMailbridge(Main main) {
        this.main = main;
    }

    public static RunningMailbridge start(Path accounts, Path routes, Map<String, String> properties,
                                          RoutesBuilder... extraRoutes) throws Exception {
        Map<String, String> withDefaults = new java.util.HashMap<>(properties);
        withDefaults.putIfAbsent("mailbridge.reload.enabled", "false");
        Main main = MailbridgeApplication.create(accounts, routes, withDefaults);
        for (RoutesBuilder routesBuilder : extraRoutes) {
            main.configure().addRoutesBuilder(routesBuilder);
        }
        main.start();
        return new RunningMailbridge(main);
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
