package io.mailbridge.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailbridge.account.OAuth2;
import io.mailbridge.account.SecretResolution;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asks an OAuth2 token endpoint for an access token: Google's refresh-token grant or Microsoft's client-credentials
 * grant, as an HTTP form POST. The secrets are resolved for each request and leave only in its body.
 */
public final class TokenEndpoint {

    /** Used when the endpoint does not say how long its token lives. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public TokenEndpoint(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A new access token for {@code account}; throws {@link TokenRefusedException} or {@link TokenRequestException}. */
    public AccessToken request(String account, OAuth2 settings, SecretResolution secrets) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("client_secret", secrets.value(settings.clientSecret()));
        if (settings.provider() == OAuth2.Provider.GOOGLE) {
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", secrets.value(settings.refreshToken().orElseThrow()));
        } else {
            form.put("grant_type", "client_credentials");
        }
        form.put("scope", settings.scope());
        String where = "account '" + account + "': token endpoint " + settings.tokenUrl();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUrl())).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRequestException(where + " cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException(where + ": interrupted while waiting for a token", e);
        }
        Redaction redaction = new Redaction(form.get("client_secret"), form.get("refresh_token"));
        return token(where, response, asked, redaction);
    }

    private AccessToken token(String where, HttpResponse<String> response, Instant asked, Redaction redaction) {
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status == 200 && body.path("access_token").isTextual()) {
            long seconds = body.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
            return new AccessToken(body.path("access_token").asText(), asked, asked.plusSeconds(Math.max(1, seconds)));
        }
        String error = body.path("error").asText("");
        String description = redaction.apply(body.path("error_description").asText(""));
        if (status >= 400 && status < 500 && status != 429 && !error.isEmpty()) {
            throw new TokenRefusedException(where + " refused the grant: " + error
                    + (description.isEmpty() ? "" : " (" + description + ")"), error, description);
        }
        String reason = error.isEmpty() ? "" : ": " + error + (description.isEmpty() ? "" : " (" + description + ")");
        throw new TokenRequestException(where + " answered HTTP " + status
                + (status == 200 ? " without an access_token" : "") + reason, null);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Keeps a request's secrets out of what the endpoint said back. */
    private record Redaction(String clientSecret, String refreshToken) {

        String apply(String text) {
            String redacted = text;
            for (String secret : new String[] {clientSecret, refreshToken}) {
                if (secret != null && !secret.isEmpty()) {
                    redacted = redacted.replace(secret, "[secret]");
                }
            }
            return redacted;
        }
    }
}
