package io.mailbridge.cluster;

import java.nio.charset.StandardCharsets;

/**
 * Spreads accounts over a fixed number of buckets by a hash of the account name that every node computes alike, and
 * names each bucket's cluster namespace ({@code mailbridge-bucket-<k>}), in which the nodes elect its owner.
 */
public record Buckets(int count) {

    public static final int MAX = 4096;
    static final String NAMESPACE_PREFIX = "mailbridge-bucket-";

    public Buckets {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("the number of buckets must be from 1 to " + MAX + ", was " + count);
        }
    }

    /** The bucket of an account: {@code floorMod(hash(name), count)}. */
    public int of(String account) {
        return (int) Math.floorMod(hash(account), (long) count);
    }

    public String namespace(int bucket) {
        return NAMESPACE_PREFIX + bucket;
    }

    /** 64-bit FNV-1a of the UTF-8 bytes with a final mix: stable across JVMs, unlike a seeded hash. */
    static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
