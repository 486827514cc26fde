package io.mailbridge.oauth2;

import io.mailbridge.account.Account;
import io.mailbridge.account.OAuth2;
import io.mailbridge.account.SecretResolution;

import java.time.Clock;
import java.time.Duration;

/**
 * One account's access tokens: the current one, cached, replaced by a new one from the {@link TokenEndpoint} when it
 * is due for renewal, or within {@code lead} of it (so that a connection made now holds a token that outlives the
 * next poll). Thread-safe: the consumer, a watcher and {@code check} may ask at once, and one request is made.
 */
public final class TokenSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String account;
    private final OAuth2 settings;
    private final SecretResolution secrets;
    private final TokenEndpoint endpoint;
    private final Duration lead;
    private final Clock clock;
    private AccessToken current;

    public TokenSource(String account, OAuth2 settings, SecretResolution secrets, TokenEndpoint endpoint,
                       Duration lead, Clock clock) {
        this.account = account;
        this.settings = settings;
        this.secrets = secrets;
        this.endpoint = endpoint;
        this.lead = lead;
        this.clock = clock;
    }

    /** The tokens of an {@code oauth2} account, renewed a poll interval ahead. */
    public static TokenSource of(Account account, SecretResolution secrets) {
        OAuth2 settings = account.oauth2().orElseThrow(() -> new IllegalArgumentException(
                "account '" + account.name() + "' does not log in with oauth2"));
        Duration timeout = TIMEOUT.compareTo(account.connectionTimeout()) > 0 ? TIMEOUT : account.connectionTimeout();
        return new TokenSource(account.name(), settings, secrets, new TokenEndpoint(timeout, Clock.systemUTC()),
                account.pollInterval(), Clock.systemUTC());
    }

    /** A token good for at least {@code lead} before it is due; a new one when the cached one is not. */
    public synchronized AccessToken token() {
        if (current == null || current.dueAt(clock.instant().plus(lead))) {
            current = endpoint.request(account, settings, secrets);
        }
        return current;
    }

    /**
     * A new token in place of {@code rejected}, which the server refused although it had not expired (revoked,
     * or the server's clock is ahead); the cached token if another caller replaced it already.
     */
    public synchronized AccessToken renew(AccessToken rejected) {
        if (current == null || current.equals(rejected)) {
            current = endpoint.request(account, settings, secrets);
        }
        return current;
    }

    public String account() {
        return account;
    }

    @Override
    public String toString() {
        return "TokenSource[" + account + ", " + settings.provider().key() + "]";
    }
}
