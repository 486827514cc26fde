package io.mailbridge.cluster;

import io.mailbridge.ownership.ClaimStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Epochs counted in this JVM's memory, from 1 at each start: shared by the nodes of one test JVM. */
public final class InMemoryClaimStore implements ClaimStore {

    private final Map<String, AtomicLong> epochs = new ConcurrentHashMap<>();

    @Override
    public long acquire(String bucket, String node) {
        return epochs.computeIfAbsent(bucket, key -> new AtomicLong()).incrementAndGet();
    }
}
