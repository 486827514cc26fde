package io.mailbridge.oauth2;

/**
 * The token endpoint refused the grant ({@code invalid_grant}: a revoked or expired refresh token;
 * {@code invalid_client}: a wrong client id or secret; ...): like a rejected password, it will not fix itself.
 */
public final class TokenRefusedException extends TokenException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final String description;

    TokenRefusedException(String message, String error, String description) {
        super(message, null);
        this.error = error;
        this.description = description;
    }

    /** The OAuth2 error code, e.g. {@code invalid_grant}. */
    public String error() {
        return error;
    }

    /** The endpoint's {@code error_description}, or an empty text. */
    public String description() {
        return description;
    }
}
