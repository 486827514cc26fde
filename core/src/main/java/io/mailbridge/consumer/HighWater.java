package io.mailbridge.consumer;

import java.util.HashSet;
import java.util.Set;

/**
 * How far a poll's pending messages are settled: the UID below the first pending message that still needs
 * something (not delivered and committed, not gone), or the end of what the search covered when none does.
 */
final class HighWater {

    private final PendingUids pending;
    private final Set<Long> settled = new HashSet<>();
    private long recorded;

    HighWater(PendingUids pending, long recorded) {
        this.pending = pending;
        this.recorded = recorded;
    }

    void settled(long uid) {
        settled.add(uid);
    }

    /** The new high-water mark if it moved since it was last taken, else -1. */
    long advance() {
        long mark = pending.coveredUpTo();
        for (long uid : pending.uids()) {
            if (!settled.contains(uid)) {
                mark = uid - 1;
                break;
            }
        }
        if (mark <= recorded) {
            return -1;
        }
        recorded = mark;
        return mark;
    }
}
