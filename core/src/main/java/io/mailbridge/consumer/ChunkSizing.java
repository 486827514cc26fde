package io.mailbridge.consumer;

/**
 * How many messages a consumer fetches per command, adapted to the link: halved after a connection is lost (down
 * to one, so that a connection that carries at least one message makes progress), doubled again after each chunk
 * that was fetched and committed, up to the maximum.
 */
final class ChunkSizing {

    /** UIDs searched per round trip when the link is healthy; a lost connection narrows it with the chunk. */
    private static final long HEALTHY_SEARCH_SPAN = 10_000;
    private static final int SEARCH_SPAN_PER_MESSAGE = 10;

    private final int max;
    private volatile int current;

    ChunkSizing(int max) {
        this.max = max;
        this.current = max;
    }

    int messages() {
        return current;
    }

    /** The share of the healthy size, for byte limits that shrink with the chunk. */
    long scaled(long healthyBytes, long minimumBytes) {
        return Math.max(minimumBytes, healthyBytes * current / max);
    }

    /** How many UIDs one search round trip covers. */
    long searchSpan() {
        return current == max ? HEALTHY_SEARCH_SPAN : (long) current * SEARCH_SPAN_PER_MESSAGE;
    }

    void connectionLost() {
        current = Math.max(1, current / 2);
    }

    void chunkCommitted() {
        current = Math.min(max, current * 2);
    }
}
