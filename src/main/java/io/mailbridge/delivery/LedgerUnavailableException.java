package io.mailbridge.delivery;

/**
 * Thrown when a delivery ledger cannot be read or written (its database is down, unreachable or refuses the
 * statement): not the message's fault, so the message is tried again at the next poll without counting an attempt.
 */
public final class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
