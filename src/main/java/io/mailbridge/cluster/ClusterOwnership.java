package io.mailbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which buckets of accounts this node consumes, decided through the Camel cluster service: it takes part in each
 * bucket's election (at once where the {@link BucketAssignment} prefers it, later as stand-by elsewhere), and on
 * winning one gets a fresh epoch from the {@link ClaimStore} before it starts the bucket's account routes. On losing
 * one it stops them at once; a bucket preferred by another live member it releases: routes stopped first, then it
 * leaves the election, and queues again later as stand-by. One thread makes every change, at each check and at
 * each leadership event.
 */
public final class ClusterOwnership extends ServiceSupport implements AccountOwnership {

    static final String NO_SERVICE = ClusterSettings.ENABLED + " is true but no Camel cluster service is configured:"
            + " set camel.cluster.zookeeper.nodes (ZooKeeper) or camel.cluster.kubernetes.* (a Kubernetes Lease per"
            + " bucket), or bind a org.apache.camel.cluster.CamelClusterService bean";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOwnership.class);

    private final CamelContext camel;
    private final ClusterSettings settings;
    private final ManagedRoutes routes;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock checking = new ReentrantLock();
    private final BucketRoutes bucketRoutes;
    private volatile ClusterStatus status;
    private volatile Bucket[] buckets;
    private volatile boolean closing;
    private CamelClusterService service;
    private ClaimStore claims;
    private Membership membership;
    private Balance balance;
    private String nodeId;
    private ScheduledExecutorService scheduler;

    ClusterOwnership(CamelContext camel, ClusterSettings settings, ManagedRoutes routes) {
        this.camel = camel;
        this.settings = settings;
        this.routes = routes;
        this.bucketRoutes = new BucketRoutes(routes, settings.buckets());
        this.status = ClusterStatus.starting(settings.nodeId().orElse(""));
    }

    @Override
    public Optional<OwnershipClaim> claim(String account) {
        Bucket[] current = buckets;
        return current == null ? Optional.empty() : current[settings.buckets().of(account)].claimWhileLeader();
    }

    public ClusterStatus status() {
        return status;
    }

    @Override
    protected void doStart() throws Exception {
        service = ClusterServiceHelper.lookupService(camel).orElseThrow(() -> new IllegalStateException(NO_SERVICE));
        nodeId = adoptNodeId(service);
        status = ClusterStatus.starting(nodeId);
        claims = Optional.ofNullable(camel.getRegistry().findSingleByType(ClaimStore.class))
                .orElseGet(InMemoryClaimStore::new);
        Instant standbyFrom = clock.instant().plus(settings.standby());
        Bucket[] created = new Bucket[settings.buckets().count()];
        Arrays.setAll(created, k -> new Bucket(k, settings.buckets().namespace(k), standbyFrom));
        buckets = created;
        membership = new Membership(service);
        balance = new Balance(settings.settle());
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                stopChecking();
            }
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mailbridge-cluster");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.checkEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Cluster member {} ({} buckets; claims from {}): the account routes start on the node that owns"
                + " their bucket", nodeId, created.length, claims.getClass().getSimpleName());
    }

    @Override
    protected void doStop() throws Exception {
        stopChecking();
        scheduler.shutdownNow();
        scheduler.awaitTermination(settings.checkEvery().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        for (Bucket bucket : buckets) {
            if (bucket.holds()) {
                bucketRoutes.stop(bucket);
                bucket.drop();
            }
            bucket.close(service);
        }
        membership.close();
        awaitElectionsLeft();
        status = ClusterStatus.starting(nodeId);
    }

    /**
     * Leaving an election ends in the background; the cluster service must not close its connection before (a
     * ZooKeeper leader whose connection closed first cannot delete its entry and logs an error).
     */
    private void awaitElectionsLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Arrays.stream(buckets).anyMatch(Bucket::isViewLeader) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** From now on no route is started or stopped by ownership: Camel is stopping them. */
    private void stopChecking() {
        checking.lock();
        try {
            closing = true;
        } finally {
            checking.unlock();
        }
    }

    private void wake() {
        try {
            scheduler.execute(this::check);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    void check() {
        checking.lock();
        try {
            if (closing || !camel.isStarted()) {
                return;
            }
            Instant now = clock.instant();
            for (Bucket bucket : buckets) {
                if (bucket.holds() && !bucket.isLeader()) {
                    lose(bucket, now);
                }
            }
            follow(now);
            for (Bucket bucket : buckets) {
                if (bucket.isJoined() && !bucket.holds() && bucket.isLeader()) {
                    take(bucket, now);
                }
            }
            if (membership.isConnected()) {
                rebalance(now);
            }
            bucketRoutes.reconcile(buckets);
        } catch (Exception e) {
            LOG.error("cluster ownership check failed; the next one is in {} ms", settings.checkEvery().toMillis(), e);
        } finally {
            status = snapshot();
            checking.unlock();
        }
    }

    /** Reads the members, and joins again when this node lost its place (with it, its place in every election). */
    private void follow(Instant now) throws Exception {
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

    private void rebalance(Instant now) throws Exception {
        String self = membership.self();
        Balance.Plan plan = balance.plan(membership.members(), bucketRoutes.weights(routes.accountsByRoute()), now);
        for (Bucket bucket : buckets) {
            String preferred = plan.owner(bucket.index);
            boolean mine = preferred.equals(self);
            if (bucket.holds()) {
                if (!mine && plan.settled() && !now.isBefore(bucket.heldSince().plus(settings.settle()))
                        && bucket.hasCandidate(preferred)) {
                    release(bucket, preferred);
                }
            } else if (bucket.isJoined()) {
                // a stand-by queued ahead of a member preferred since would be elected before it: requeue behind it
                if (!mine && plan.settled() && !preferred.equals(bucket.joinedUnder())) {
                    bucket.leave(service, now.plus(settings.standby()));
                }
            } else if (mine ? plan.settled() : !now.isBefore(bucket.joinAt())) {
                bucket.join(service, preferred, this::wake);
            }
        }
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
        bucket.hold(new OwnershipClaim(bucket.namespace, epoch), now);
        List<String> accounts = bucketRoutes.start(bucket);
        LOG.info("bucket {} taken (epoch {}): {}", bucket.index, epoch, BucketRoutes.describe(accounts));
    }

    private void release(Bucket bucket, String to) {
        List<String> accounts = bucketRoutes.stop(bucket);
        OwnershipClaim released = bucket.drop();
        bucket.leave(service, clock.instant().plus(settings.standby()));
        LOG.info("bucket {} released (epoch {}) to {}: {}", bucket.index, released.epoch(), to,
                BucketRoutes.describe(accounts));
    }

    private void lose(Bucket bucket, Instant now) {
        OwnershipClaim lost = bucket.drop();
        List<String> accounts = bucketRoutes.stop(bucket);
        bucket.leave(service, now);
        LOG.info("bucket {} lost (epoch {}): {}", bucket.index, lost.epoch(), BucketRoutes.describe(accounts));
    }

    private Duration rejoinGrace() {
        Duration threeChecks = settings.checkEvery().multipliedBy(3);
        return threeChecks.compareTo(Duration.ofSeconds(1)) > 0 ? threeChecks : Duration.ofSeconds(1);
    }

    /**
     * The node id: {@code mailbridge.cluster.nodeId}, else the cluster service's own id, else the host name; given
     * to a service that has none, as its member id.
     */
    private String adoptNodeId(CamelClusterService cluster) {
        String serviceId = cluster.getId();
        if (serviceId == null || serviceId.isBlank()) {
            String id = settings.nodeIdOrHostName();
            cluster.setId(id);
            return id;
        }
        if (settings.nodeId().isPresent() && !settings.nodeId().get().equals(serviceId)) {
            throw new IllegalStateException(ClusterSettings.NODE_ID + " is '" + settings.nodeId().get()
                    + "' but the cluster service's id is '" + serviceId + "'; set only one of them");
        }
        return serviceId;
    }

    private ClusterStatus snapshot() {
        Map<String, String> accountsByRoute = routes.accountsByRoute();
        List<ClusterStatus.OwnedBucket> owned = new ArrayList<>();
        for (Bucket bucket : buckets) {
            bucket.claimWhileLeader().ifPresent(claim -> owned.add(new ClusterStatus.OwnedBucket(bucket.index,
                    claim.epoch(), bucketRoutes.accountsOf(bucket.index, accountsByRoute))));
        }
        return new ClusterStatus(nodeId, membership != null && membership.isConnected(),
                membership == null ? List.of() : membership.members(), List.copyOf(owned));
    }
}
