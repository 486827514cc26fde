package io.mailbridge.pipeline;

import io.mailbridge.delivery.MessageKey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, for a message whose delivery failed in one pipeline route, the routes that had already processed it,
 * so its retry runs only the others. In memory and bounded: after a restart, or for the oldest of very many failing
 * messages, every route runs again.
 */
final class FlowProgress {

    static final int CAPACITY = 10_000;

    private final Map<MessageKey, Set<String>> succeeded = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MessageKey, Set<String>> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Set<String> succeeded(MessageKey message) {
        return message == null ? Set.of() : succeeded.getOrDefault(message, Set.of());
    }

    synchronized void failedAfter(MessageKey message, Set<String> routes) {
        if (message != null) {
            succeeded.put(message, Set.copyOf(routes));
        }
    }

    synchronized void completed(MessageKey message) {
        if (message != null) {
            succeeded.remove(message);
        }
    }

    synchronized int size() {
        return succeeded.size();
    }
}
