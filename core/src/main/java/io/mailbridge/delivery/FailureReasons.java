package io.mailbridge.delivery;

import io.mailbridge.ownership.NotOwnerException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.StoreClosedException;

/**
 * Tells a message's own failure (counted towards quarantine) from a lost connection, a lost ownership of the
 * account or an unavailable delivery ledger (retried without counting).
 */
final class FailureReasons {

    private static final int MAX_REASON_LENGTH = 300;

    private FailureReasons() {
    }

    static boolean isConnectionProblem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotOwnerException || cause instanceof LedgerUnavailableException
                    || cause instanceof FolderClosedException || cause instanceof StoreClosedException
                    || cause instanceof MessageRemovedException || cause instanceof java.net.SocketException
                    || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** One line naming the exception and its causes' messages, e.g. for a quarantine reason. */
    static String describe(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = failure; cause != null && reason.length() < MAX_REASON_LENGTH;
             cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!reason.isEmpty()) {
                reason.append(" <- ");
            }
            reason.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                reason.append(": ").append(cause.getMessage().replaceAll("\\s+", " "));
            }
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason.toString();
    }
}
