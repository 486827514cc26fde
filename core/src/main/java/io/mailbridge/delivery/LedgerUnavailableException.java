package io.mailbridge.delivery;

/**
 * Thrown when a delivery ledger cannot be used: its database is down, unreachable or refuses the statement (not the
 * message's fault, so the message is tried again at the next poll without counting an attempt), or, at start-up, its
 * settings are wrong.
 */
public final class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
