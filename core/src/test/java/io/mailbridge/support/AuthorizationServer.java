package io.mailbridge.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth2 authorization server on a loopback port, for tests: a token endpoint for Google's refresh-token grant
 * and Microsoft's client-credentials grant, and an RFC 7662 introspection endpoint that Dovecot's oauth2 passdb asks
 * whether a token is active and whose it is. Refresh and access tokens can be revoked, and tokens made short-lived.
 */
public final class AuthorizationServer implements AutoCloseable {

    public static final String GOOGLE_SCOPE = "https://mail.google.com/";
    public static final String MICROSOFT_SCOPE = "https://outlook.office365.com/.default";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer http;
    private final Map<String, String> clientSecrets = new ConcurrentHashMap<>();
    /** Microsoft apps: the mailbox each app may open (Add-MailboxPermission). */
    private final Map<String, String> appMailboxes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Issued> accessTokens = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<String> introspected = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);

    private record Issued(String user, Instant expiresAt) {
    }

    private AuthorizationServer(HttpServer http) {
        this.http = http;
    }

    public static AuthorizationServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AuthorizationServer server = new AuthorizationServer(http);
            http.createContext("/token", server::token);
            http.createContext("/introspect", server::introspect);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the authorization server", e);
        }
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
    }

    public String introspectionUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/introspect";
    }

    /** Registers an OAuth client (a Google OAuth client or an Entra app registration). */
    public AuthorizationServer client(String clientId, String clientSecret) {
        clientSecrets.put(clientId, clientSecret);
        return this;
    }

    /** Lets a Microsoft app open {@code mailbox} with its client-credentials tokens. */
    public AuthorizationServer appMailbox(String clientId, String mailbox) {
        appMailboxes.put(clientId, mailbox);
        return this;
    }

    /** A new Google refresh token: the user's consent to {@code clientId} reading their mail. */
    public String refreshToken(String clientId, String user) {
        String token = "1//" + random();
        refreshTokens.put(token, clientId + " " + user);
        return token;
    }

    /** The user removed the app's access: the refresh token and the access tokens issued with it stop working. */
    public void revoke(String refreshToken) {
        String grant = refreshTokens.remove(refreshToken);
        if (grant != null) {
            String user = grant.substring(grant.indexOf(' ') + 1);
            accessTokens.values().removeIf(token -> token.user().equals(user));
        }
    }

    /** Every access token issued so far stops working; new ones are issued as before. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** How long the access tokens issued from now on live. */
    public void tokenLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** The access tokens issued, oldest first. */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    /** The tokens Dovecot asked about, in order. */
    public List<String> introspected() {
        return List.copyOf(introspected);
    }

    /** Token requests answered, granted or refused. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(exchange);
        String clientId = form.getOrDefault("client_id", "");
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, Map.of("error", "invalid_request"));
            return;
        }
        if (!form.getOrDefault("client_secret", "").equals(clientSecrets.get(clientId))) {
            answer(exchange, 401, Map.of("error", "invalid_client", "error_description", "Unauthorized"));
            return;
        }
        String user;
        String scope = form.getOrDefault("scope", "");
        switch (form.getOrDefault("grant_type", "")) {
            case "refresh_token" -> {
                String grant = refreshTokens.get(form.getOrDefault("refresh_token", ""));
                if (grant == null || !grant.startsWith(clientId + " ")) {
                    answer(exchange, 400, Map.of("error", "invalid_grant",
                            "error_description", "Token has been expired or revoked."));
                    return;
                }
                user = grant.substring(grant.indexOf(' ') + 1);
                if (!scope.equals(GOOGLE_SCOPE)) {
                    answer(exchange, 400, Map.of("error", "invalid_scope"));
                    return;
                }
            }
            case "client_credentials" -> {
                user = appMailboxes.get(clientId);
                if (user == null || !scope.equals(MICROSOFT_SCOPE)) {
                    answer(exchange, 400, Map.of("error", user == null ? "unauthorized_client" : "invalid_scope",
                            "error_description", "AADSTS70011: The provided value for scope is not valid."));
                    return;
                }
            }
            default -> {
                answer(exchange, 400, Map.of("error", "unsupported_grant_type"));
                return;
            }
        }
        String token = "ya29." + random();
        Duration life = lifetime;
        accessTokens.put(token, new Issued(user, Instant.now().plus(life)));
        issued.add(token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("expires_in", Math.max(1, life.toSeconds()));
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        answer(exchange, 200, body);
    }

    private void introspect(HttpExchange exchange) throws IOException {
        String token = form(exchange).getOrDefault("token", "");
        introspected.add(token);
        Issued found = accessTokens.get(token);
        if (found == null || Instant.now().isAfter(found.expiresAt())) {
            answer(exchange, 200, Map.of("active", false));
            return;
        }
        answer(exchange, 200, Map.of("active", true, "username", found.user()));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
