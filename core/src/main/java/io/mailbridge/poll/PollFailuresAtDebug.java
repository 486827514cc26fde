package io.mailbridge.poll;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account consumer's exception handler. Camel's default one logs every failed poll at WARN with its stack trace
 * ("Failed polling endpoint ... Will try again at next poll"); this one logs it at DEBUG, because the account's
 * state changes are logged once each, with a diagnosis, by {@link io.mailbridge.status.AccountStatus}. A failure
 * that comes with an exchange still goes to the consumer's own handler.
 */
final class PollFailuresAtDebug implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PollFailuresAtDebug.class);

    private final String account;
    private final ExceptionHandler original;

    private PollFailuresAtDebug(String account, ExceptionHandler original) {
        this.account = account;
        this.original = original;
    }

    /** Idempotent: called before every poll, since a restarted route brings a new consumer. */
    static void install(String account, DefaultConsumer consumer) {
        if (!(consumer.getExceptionHandler() instanceof PollFailuresAtDebug)) {
            consumer.setExceptionHandler(new PollFailuresAtDebug(account, consumer.getExceptionHandler()));
        }
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange != null && original != null) {
            original.handleException(message, exchange, exception);
            return;
        }
        LOG.debug("account '{}': {}", account, message == null ? "poll failed" : message, exception);
    }
}
