package io.mailbridge.cluster;

import io.mailbridge.ownership.OwnershipClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops the claim on every bucket whose election this node no longer leads, or on all of them when the connection to
 * the cluster is in doubt, then stops their routes together; on a thread of its own that never waits for the
 * cluster: a node cut off from ZooKeeper must stop before its session expires and another node takes its buckets,
 * whatever the ownership check is waiting for meanwhile.
 */
final class LossGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LossGuard.class);

    private final Bucket[] buckets;
    private final BucketRoutes routes;
    private final ClusterConnection connection;

    LossGuard(Bucket[] buckets, BucketRoutes routes, ClusterConnection connection) {
        this.buckets = buckets;
        this.routes = routes;
        this.connection = connection;
    }

    /** Returns whether a bucket was lost. */
    boolean check() {
        boolean connected = connection.isConnected();
        List<Bucket> lost = new ArrayList<>();
        for (Bucket bucket : buckets) {
            if (bucket.holds() && (!connected || !bucket.isLeader())) {
                synchronized (bucket) {
                    OwnershipClaim dropped = bucket.drop();
                    if (dropped != null) {
                        bucket.markLost();
                        lost.add(bucket);
                        LOG.info("bucket {} lost (epoch {}): {}", bucket.index, dropped.epoch(),
                                BucketRoutes.describe(routes.accountsOf(bucket)));
                    }
                }
            }
        }
        if (!lost.isEmpty()) {
            routes.stopTogether(lost);
        }
        return !lost.isEmpty();
    }
}
