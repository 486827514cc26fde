package io.mailbridge.ownership;

/**
 * This node's claim on a bucket of accounts: the bucket and the fencing epoch it got when it took the bucket. A
 * node that took the bucket later holds a higher epoch, and the shared ledger refuses writes under a lower one.
 */
public record OwnershipClaim(String bucket, long epoch) {
}
