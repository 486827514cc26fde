package io.mailbridge.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an account's {@code oauth2:} block, adding a problem named {@code oauth2.<field>} for each bad value. */
final class OAuth2Reader {

    static final List<String> KEYS = List.of("provider", "clientId", "clientSecret", "refreshToken", "tenant",
            "tokenUrl", "scope");

    private final Map<?, ?> block;
    private final String label;
    private final PlaceholderResolver placeholders;
    private final List<String> problems;
    private final List<String> warnings;

    OAuth2Reader(Map<?, ?> block, String label, PlaceholderResolver placeholders, List<String> problems,
                 List<String> warnings) {
        this.block = block;
        this.label = label;
        this.placeholders = placeholders;
        this.problems = problems;
        this.warnings = warnings;
    }

    Optional<OAuth2> read() {
        int before = problems.size();
        for (Object key : block.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                String hint = DidYouMean.closest(String.valueOf(key), KEYS).map(k -> "; did you mean '" + k + "'?")
                        .orElse("");
                problems.add(label + ": unknown field 'oauth2." + key + "'" + hint);
            }
        }
        String providerKey = text("provider");
        Optional<OAuth2.Provider> provider = providerKey == null ? Optional.empty() : OAuth2.Provider.of(providerKey);
        if (providerKey == null) {
            problem("provider", "is required: google or microsoft");
        } else if (provider.isEmpty()) {
            problem("provider", "must be google or microsoft, was '" + providerKey + "'");
        }
        String clientId = text("clientId");
        if (clientId == null || clientId.isBlank()) {
            problem("clientId", "is required (the OAuth client's id)");
        }
        Secret clientSecret = secret("clientSecret", true);
        boolean google = provider.orElse(null) == OAuth2.Provider.GOOGLE;
        boolean microsoft = provider.orElse(null) == OAuth2.Provider.MICROSOFT;
        Secret refreshToken = secret("refreshToken", google);
        if (refreshToken != null && microsoft) {
            problem("refreshToken", "applies only to provider google (Microsoft uses client credentials)");
        }
        String tenant = text("tenant");
        if (microsoft && (tenant == null || tenant.isBlank())) {
            problem("tenant", "is required with provider microsoft (the Entra tenant id or domain)");
        } else if (tenant != null && google) {
            problem("tenant", "applies only to provider microsoft");
        }
        String tokenUrl = text("tokenUrl");
        if (tokenUrl != null && !isHttpUrl(tokenUrl)) {
            problem("tokenUrl", "must be an http or https URL, was '" + tokenUrl + "'");
        }
        String scope = text("scope");
        if (problems.size() > before || provider.isEmpty()) {
            return Optional.empty();
        }
        String url = tokenUrl != null ? tokenUrl
                : google ? OAuth2.GOOGLE_TOKEN_URL : OAuth2.microsoftTokenUrl(tenant);
        String effectiveScope = scope != null ? scope : google ? OAuth2.GOOGLE_SCOPE : OAuth2.MICROSOFT_SCOPE;
        return Optional.of(new OAuth2(provider.get(), clientId, clientSecret, Optional.ofNullable(refreshToken),
                Optional.ofNullable(tenant), url, effectiveScope));
    }

    private String text(String key) {
        Object value = block.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            problem(key, "must be a single value");
            return null;
        }
        String text = String.valueOf(value).trim();
        if (!PlaceholderResolver.hasPlaceholder(text)) {
            return text;
        }
        try {
            return placeholders.resolve(text);
        } catch (RuntimeException e) {
            problem(key, "cannot resolve " + text + ": " + e.getMessage());
            return null;
        }
    }

    private Secret secret(String key, boolean required) {
        Object value = block.get(key);
        if (value == null) {
            if (required) {
                problem(key, "is required (write it as a placeholder such as \"{{env:NAME}}\")");
            }
            return null;
        }
        String written = String.valueOf(value);
        if (written.isEmpty()) {
            problem(key, "must not be empty");
            return null;
        }
        if (!PlaceholderResolver.hasPlaceholder(written)) {
            warnings.add(label + ": oauth2." + key + " is written in the file as a literal;"
                    + " use a placeholder such as {{env:NAME}} so the secret stays out of the file");
            return Secret.of(written);
        }
        try {
            if (placeholders.resolve(written).isEmpty()) {
                problem(key, written + " resolves to an empty value");
                return null;
            }
        } catch (RuntimeException e) {
            problem(key, "cannot resolve " + written + ": " + e.getMessage());
            return null;
        }
        return Secret.of(written);
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void problem(String key, String message) {
        problems.add(label + ": oauth2." + key + " " + message);
    }
}
