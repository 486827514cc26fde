package io.mailbridge.app;

import io.mailbridge.account.InvalidAccountsException;

import java.util.concurrent.Callable;

/** Surfaces an invalid accounts file buried in Camel's start-up exceptions, so the command can exit with code 2. */
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
            }
            throw e;
        }
    }
}
