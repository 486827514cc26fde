package io.mailbridge.oauth2;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token, with when it was issued and when it expires. Its value never shows in {@code toString}.
 *
 * @param value the bearer token, sent only in the XOAUTH2 login
 */
public record AccessToken(String value, Instant issuedAt, Instant expiresAt) {

    /** A token is renewed at most this long before it expires, or a tenth of its lifetime if that is shorter. */
    static final Duration RENEWAL_MARGIN = Duration.ofSeconds(60);

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** When the token should be replaced by a new one: shortly before it expires. */
    public Instant renewAt() {
        Duration tenth = Duration.between(issuedAt, expiresAt).dividedBy(10);
        return expiresAt.minus(tenth.compareTo(RENEWAL_MARGIN) < 0 ? tenth : RENEWAL_MARGIN);
    }

    /** Whether the token is due for renewal at {@code moment}. */
    public boolean dueAt(Instant moment) {
        return !moment.isBefore(renewAt());
    }

    @Override
    public String toString() {
        return "AccessToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
