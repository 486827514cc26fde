package io.mailbridge.app;

import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.delivery.LedgerUnavailableException;

import java.util.concurrent.Callable;

/**
 * Surfaces an invalid accounts file buried in Camel's start-up exceptions, so the command can exit with code 2, and a
 * delivery ledger that cannot be used, so its reason (e.g. the database's URL and error) is what the command prints.
 */
public final class StartupFailures {

    private StartupFailures() {
    }

    public static <T> T unwrap(Callable<T> startup) throws Exception {
        try {
            return startup.call();
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidAccountsException invalid) {
                    throw invalid;
                }
                if (cause instanceof LedgerUnavailableException unavailable) {
                    throw unavailable;
                }
            }
            throw e;
        }
    }
}
