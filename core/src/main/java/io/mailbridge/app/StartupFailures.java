package io.mailbridge.app;

import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.delivery.LedgerUnavailableException;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.main.MainSupport;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.util.concurrent.Callable;

/**
 * Surfaces an invalid accounts file, a route file that is not valid YAML or a pipeline endpoint without its
 * component, buried in Camel's start-up exceptions, so the command can report it in one paragraph with exit code 2;
 * and a delivery ledger that cannot be used, so its reason (the database's URL and error) is what the command prints.
 */
public final class StartupFailures {

    private StartupFailures() {
    }

    public static <T> T unwrap(MainSupport main, Callable<T> startup) throws Exception {
        try {
            return startup.call();
        } catch (Exception | Error e) {
            // Camel's JVM shutdown hook would otherwise log a "SIGTERM" that never came when the process exits
            main.completed();
            FailedToCreateRouteException route = null;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidAccountsException invalid) {
                    throw invalid;
                }
                if (cause instanceof LedgerUnavailableException unavailable) {
                    throw unavailable;
                }
                if (cause instanceof MarkedYamlEngineException yaml) {
                    throw RouteFileErrors.describe(yaml);
                }
                if (cause instanceof FailedToCreateRouteException failed) {
                    route = failed;
                }
                if (cause instanceof NoSuchEndpointException missing) {
                    throw MissingComponent.describe(missing, route);
                }
            }
            throw e;
        }
    }
}
