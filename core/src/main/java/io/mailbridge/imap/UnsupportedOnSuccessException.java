package io.mailbridge.imap;

import jakarta.mail.MessagingException;

/** The server cannot do an account's {@code onSuccess} action safely; the message says why and what to do. */
public final class UnsupportedOnSuccessException extends MessagingException {

    public UnsupportedOnSuccessException(String message) {
        super(message);
    }
}
