package io.mailbridge.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The preferred owner of each bucket for the current members and accounts, and whether these have held still for
 * the settle time: buckets move only then, so members that come and go in a burst (a rolling restart) move them once.
 */
final class Balance {

    private final Duration settle;
    private List<String> members;
    private int[] weights;
    private Instant since;
    private BucketAssignment assignment;

    Balance(Duration settle) {
        this.settle = settle;
    }

    /** A plan to act on now. */
    record Plan(BucketAssignment assignment, boolean settled) {

        String owner(int bucket) {
            return assignment.owner(bucket);
        }

        int standbyRank(int bucket, String member) {
            return assignment.standbyRank(bucket, member);
        }
    }

    Plan plan(List<String> liveMembers, int[] accountsPerBucket, Instant now) {
        if (!liveMembers.equals(members) || !Arrays.equals(accountsPerBucket, weights)) {
            members = liveMembers;
            weights = accountsPerBucket;
            since = now;
            assignment = BucketAssignment.of(liveMembers, accountsPerBucket);
        }
        return new Plan(assignment, !now.isBefore(since.plus(settle)));
    }
}
