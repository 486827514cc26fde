package io.mailbridge.imap;

import jakarta.mail.MessagingException;
import java.time.Duration;

/** A connection was not authenticated within its account's authentication timeout: slow, not refused. */
public class AuthenticationTimeoutException extends MessagingException {

    private static final long serialVersionUID = 1L;

    public AuthenticationTimeoutException(String account, Duration timeout, Exception cause) {
        super("account '" + account + "': authentication timed out after " + format(timeout), cause);
    }

    private static String format(Duration timeout) {
        return timeout.toMillisPart() == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
