package io.mailbridge.cluster;

import java.util.List;

/** What this node holds now, as of its last ownership check: for the health check, the metrics and tests. */
public record ClusterStatus(String nodeId, boolean connected, List<String> members, List<OwnedBucket> owned) {

    /** A bucket this node owns, under its epoch, with its accounts. */
    public record OwnedBucket(int bucket, long epoch, List<String> accounts) {
    }

    static ClusterStatus starting(String nodeId) {
        return new ClusterStatus(nodeId, false, List.of(), List.of());
    }

    public int ownedAccounts() {
        return owned.stream().mapToInt(bucket -> bucket.accounts().size()).sum();
    }

    public List<String> accounts() {
        return owned.stream().flatMap(bucket -> bucket.accounts().stream()).sorted().toList();
    }
}
