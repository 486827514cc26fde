package io.mailbridge.cluster;

import io.mailbridge.ownership.ClaimStore;
import io.mailbridge.ownership.OwnershipClaim;
import org.apache.camel.cluster.CamelClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One ownership check: reads the members (joining again when this node lost its place), takes the buckets whose
 * election it won, and moves towards the {@link BucketAssignment}: joins the elections of the buckets it is preferred
 * for once membership settled, queues as stand-by for the others in the bucket's order, requeues behind a member
 * preferred since, and releases a held bucket to its live preferred owner once that member is a candidate.
 */
final class Elections {

    private static final Logger LOG = LoggerFactory.getLogger(Elections.class);

    private final ClusterSettings settings;
    private final CamelClusterService service;
    private final ClaimStore claims;
    private final String nodeId;
    private final Bucket[] buckets;
    private final BucketRoutes routes;
    private final Membership membership;
    private final ClusterConnection connection;
    private final Balance balance;
    private final BooleanSupplier closing;
    private final Runnable wake;

    Elections(ClusterSettings settings, CamelClusterService service, ClaimStore claims, String nodeId,
              Bucket[] buckets, BucketRoutes routes, Membership membership, ClusterConnection connection,
              BooleanSupplier closing, Runnable wake) {
        this.settings = settings;
        this.service = service;
        this.claims = claims;
        this.nodeId = nodeId;
        this.buckets = buckets;
        this.routes = routes;
        this.membership = membership;
        this.connection = connection;
        this.balance = new Balance(settings.settle());
        this.closing = closing;
        this.wake = wake;
    }

    void check(Instant now, int[] weights) throws Exception {
        follow(now);
        for (Bucket bucket : buckets) {
            if (!closing.getAsBoolean() && connection.isConnected() && bucket.isJoined() && !bucket.holds()
                    && bucket.isLeader()) {
                take(bucket, now);
            }
        }
        if (connection.isConnected() && membership.isConnected()) {
            rebalance(now, weights);
        }
    }

    /** Reads the members, and joins again when this node lost its place (with it, its place in every election). */
    private void follow(Instant now) throws Exception {
        if (!connection.isConnected()) {
            // a call to a cluster known to be unreachable waits for its timeout and retries
            membership.disconnected();
            return;
        }
        if (!membership.isJoined()) {
            membership.join();
        }
        membership.refresh(now);
        if (membership.lostItsPlace(now, rejoinGrace())) {
            LOG.warn("node {} is no longer listed among the cluster's members (its session ended): joining again",
                    nodeId);
            membership.leave();
            for (Bucket bucket : buckets) {
                if (!bucket.holds()) {
                    bucket.leave(service, now);
                }
            }
        }
    }

    private void rebalance(Instant now, int[] weights) throws Exception {
        String self = membership.self();
        Balance.Plan plan = balance.plan(membership.members(), weights, now);
        for (Bucket bucket : buckets) {
            if (closing.getAsBoolean()) {
                return;
            }
            String preferred = plan.owner(bucket.index);
            boolean mine = preferred.equals(self);
            if (bucket.holds()) {
                if (!mine && plan.settled() && !now.isBefore(bucket.heldSince().plus(settings.settle()))
                        && bucket.hasCandidate(preferred, now)) {
                    release(bucket, preferred);
                }
            } else if (bucket.isJoined()) {
                if (bucket.wasLost() && !bucket.isLeader()) {
                    // a ZooKeeper view leaves the election with its leadership; it joins again from scratch
                    bucket.leave(service, now);
                } else if (!mine && plan.settled() && !preferred.equals(bucket.joinedUnder())) {
                    // a stand-by queued ahead of a member preferred since would be elected before it
                    bucket.leave(service, now.plus(settings.standby()));
                }
            } else if (mine ? plan.settled() : !now.isBefore(standbyFrom(bucket, plan, self))) {
                bucket.join(service, preferred, wake);
            }
        }
    }

    /** Stand-bys queue one stand-by time apart, in the bucket's order of the members. */
    private Instant standbyFrom(Bucket bucket, Balance.Plan plan, String self) {
        return bucket.joinAt().plus(settings.standby().multipliedBy(plan.standbyRank(bucket.index, self)));
    }

    private void take(Bucket bucket, Instant now) {
        long epoch;
        try {
            epoch = claims.acquire(bucket.namespace, nodeId);
        } catch (RuntimeException e) {
            LOG.error("bucket {}: no epoch from the claim store; leaving its election", bucket.index, e);
            bucket.leave(service, now.plus(settings.standby()));
            return;
        }
        List<String> accounts;
        synchronized (bucket) {
            if (closing.getAsBoolean() || !connection.isConnected() || !bucket.isLeader()) {
                return;
            }
            bucket.hold(new OwnershipClaim(bucket.namespace, epoch), now);
            accounts = routes.start(bucket);
        }
        LOG.info("bucket {} taken (epoch {}): {}", bucket.index, epoch, BucketRoutes.describe(accounts));
    }

    private void release(Bucket bucket, String to) {
        OwnershipClaim released;
        List<String> accounts;
        synchronized (bucket) {
            accounts = routes.stop(bucket);
            released = bucket.drop();
        }
        bucket.leave(service, Instant.now().plus(settings.standby()));
        if (released != null) {
            LOG.info("bucket {} released (epoch {}) to {}: {}", bucket.index, released.epoch(), to,
                    BucketRoutes.describe(accounts));
        }
    }

    private Duration rejoinGrace() {
        Duration threeChecks = settings.checkEvery().multipliedBy(3);
        return threeChecks.compareTo(Duration.ofSeconds(1)) > 0 ? threeChecks : Duration.ofSeconds(1);
    }
}
