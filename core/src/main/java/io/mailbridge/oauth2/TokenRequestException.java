package io.mailbridge.oauth2;

/**
 * The token endpoint could not be reached or failed (a network error, a timeout, a 5xx answer, an answer that is
 * not a token): a passing trouble, retried with the connection backoff.
 */
public final class TokenRequestException extends TokenException {

    private static final long serialVersionUID = 1L;

    TokenRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
