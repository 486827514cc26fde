package io.mailbridge.account;

import java.util.Locale;
import java.util.Optional;

/**
 * How an account with {@code auth: oauth2} gets its access tokens: Google's refresh-token grant or Microsoft's
 * client-credentials grant, against the provider's token URL unless the accounts file names another.
 *
 * @param clientSecret written like a password: usually a placeholder, resolved at each token request
 * @param refreshToken Google only, written like a password
 * @param tenant       Microsoft only: the Entra tenant id or domain
 * @param tokenUrl     where tokens are requested: the provider's, unless overridden
 * @param scope        the scope asked for: the provider's mail scope, unless overridden
 */
public record OAuth2(Provider provider, String clientId, Secret clientSecret, Optional<Secret> refreshToken,
                     Optional<String> tenant, String tokenUrl, String scope) {

    public static final String GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
    public static final String GOOGLE_SCOPE = "https://mail.google.com/";
    public static final String MICROSOFT_SCOPE = "https://outlook.office365.com/.default";

    /** The providers whose grants mailbridge speaks. */
    public enum Provider {
        GOOGLE,
        MICROSOFT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Provider> of(String key) {
            for (Provider provider : values()) {
                if (provider.key().equals(key)) {
                    return Optional.of(provider);
                }
            }
            return Optional.empty();
        }
    }

    public OAuth2 {
        if (provider == null || clientId == null || clientId.isBlank() || clientSecret == null
                || refreshToken == null || tenant == null || tokenUrl == null || scope == null) {
            throw new IllegalArgumentException("oauth2 needs provider, clientId, clientSecret, tokenUrl and scope");
        }
        if (provider == Provider.GOOGLE && refreshToken.isEmpty()) {
            throw new IllegalArgumentException("oauth2 with provider google needs a refreshToken");
        }
    }

    /** Microsoft's token URL of a tenant. */
    public static String microsoftTokenUrl(String tenant) {
        return "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token";
    }

    @Override
    public String toString() {
        return "OAuth2[" + provider.key() + ", clientId=" + clientId + ", tokenUrl=" + tokenUrl + "]";
    }
}
