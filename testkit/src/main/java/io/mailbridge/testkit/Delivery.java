package io.mailbridge.testkit;

import io.mailbridge.message.MailMessage;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.TypeConverter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One message as it was sent to an endpoint: its body and headers at that moment, and how the send ended. */
public final class Delivery {

    private final String endpoint;
    private final Object body;
    private final Map<String, Object> headers;
    private final String fromRouteId;
    private final Exception failure;
    private final TypeConverter converter;

    private Delivery(String endpoint, Object body, Map<String, Object> headers, String fromRouteId,
                     Exception failure, TypeConverter converter) {
        this.endpoint = endpoint;
        this.body = body;
        this.headers = headers;
        this.fromRouteId = fromRouteId;
        this.failure = failure;
        this.converter = converter;
    }

    static Delivery of(String endpoint, Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof StreamCache cache) {
            body = bytes(cache);
        }
        return new Delivery(endpoint, body, Collections.unmodifiableMap(new LinkedHashMap<>(
                exchange.getMessage().getHeaders())), exchange.getFromRouteId(), null, exchange.getContext()
                .getTypeConverter());
    }

    Delivery withFailure(Exception failure) {
        return new Delivery(endpoint, body, headers, fromRouteId, failure, converter);
    }

    /** The endpoint's URI as Camel normalises it, e.g. {@code kafka://tickets}. */
    public String endpoint() {
        return endpoint;
    }

    public Object body() {
        return body;
    }

    /** The body converted by Camel's type converters, e.g. {@code body(String.class)} for JSON bytes. */
    public <T> T body(Class<T> type) {
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        T converted = converter.convertTo(type, body);
        if (converted == null && body != null) {
            throw new AssertionError("the message sent to " + endpoint + " is a " + body.getClass().getName()
                    + ", which does not convert to " + type.getName());
        }
        return converted;
    }

    /** The body as the {@link MailMessage} a mailbridge account route sends. */
    public MailMessage mailMessage() {
        if (body instanceof MailMessage message) {
            return message;
        }
        throw new AssertionError("the message sent to " + endpoint + " is a "
                + (body == null ? "null body" : body.getClass().getName()) + ", not a MailMessage;"
                + " read it with body(String.class) or awaitOne(uri, type, timeout)");
    }

    public Map<String, Object> headers() {
        return headers;
    }

    public Object header(String name) {
        return headers.get(name);
    }

    /** The id of the route whose consumer created the exchange, e.g. {@code mail-support}. */
    public String fromRouteId() {
        return fromRouteId;
    }

    /** The exception the send ended with: the endpoint's own, or one thrown by the route behind it. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return endpoint + " <- " + (body instanceof MailMessage message ? "MailMessage '" + message.subject() + "'"
                : body instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(body))
                + (failure == null ? "" : " (failed: " + failure + ")");
    }

    /** A stream body is read by whoever consumes it, so the record keeps its bytes (or the stream, if unreadable). */
    private static Object bytes(StreamCache cache) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            cache.writeTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            return cache;
        } finally {
            cache.reset();
        }
    }
}
