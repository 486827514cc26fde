package io.mailbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/** The health and metrics server of a running mailbridge, reached over HTTP as an operator or Prometheus would. */
public final class ManagementServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    private ManagementServer(int port) {
        this.port = port;
    }

    /** A server to be started on a port that was free a moment ago. */
    public static ManagementServer onFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new ManagementServer(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    public int port() {
        return port;
    }

    /** The properties that turn the server on (metrics follow it, see application.properties). */
    public Map<String, String> enabled() {
        return Map.of("camel.management.enabled", "true", "camel.management.port", String.valueOf(port));
    }

    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    public JsonNode json(String path) {
        try {
            return JSON.readTree(get(path).body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " did not return JSON", e);
        }
    }

    /** One check of a health response, by name ({@code account-support}). */
    public static Optional<JsonNode> check(JsonNode health, String name) {
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(check -> name.equals(check.path("name").asText()))
                .findFirst();
    }

    public String metrics() {
        return get("/observe/metrics").body();
    }

    /** The value of a sample such as {@code mailbridge_messages_delivered_total{account="support"}}, if present. */
    public static OptionalDouble sample(String scrape, String name, String account) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name + "{account=\"" + account + "\"}") + " (\\S+)$",
                Pattern.MULTILINE).matcher(scrape);
        return sample.find() ? OptionalDouble.of(Double.parseDouble(sample.group(1))) : OptionalDouble.empty();
    }
}
