package io.mailbridge.oauth2;

/** An access token could not be obtained; the message names the account and the endpoint, never a secret. */
public abstract class TokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
