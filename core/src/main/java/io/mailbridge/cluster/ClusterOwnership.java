package io.mailbridge.cluster;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.ownership.ClaimStore;
import io.mailbridge.ownership.OwnershipClaim;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.support.task.Tasks;
import org.apache.camel.support.task.budget.Budgets;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Which buckets of accounts this node consumes, decided through the Camel cluster service: a bucket's account
 * routes run here only while this node leads the bucket's election and holds a fresh epoch from the
 * {@link ClaimStore}, and while its {@link ClusterConnection} holds. Two threads of its own: the ownership check
 * ({@link Elections}, at each check interval and leadership event), and the {@link LossGuard}, which stops a lost
 * bucket's routes without waiting for the cluster.
 */
public final class ClusterOwnership extends ServiceSupport implements AccountOwnership {

    static final String NO_SERVICE = ClusterSettings.ENABLED + " is true but no Camel cluster service is configured:"
            + " set camel.cluster.zookeeper.nodes (ZooKeeper) or camel.cluster.kubernetes.* (a Kubernetes Lease per"
            + " bucket), or bind a org.apache.camel.cluster.CamelClusterService bean";
    static final String NO_SHARED_LEDGER = ClusterSettings.ENABLED + " is true but the delivery ledger is this"
            + " node's own: replicas must share one, or an account that moves is delivered again or skips mail; set"
            + " mailbridge.ledger = jdbc and mailbridge.ledger.jdbc.url (README, \"Shared delivery ledger\")";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOwnership.class);
    private static final long GUARD_MILLIS = 100;

    private final CamelContext camel;
    private final ClusterSettings settings;
    private final ManagedRoutes routes;
    private final ClusterConnection connection;
    private final BucketRoutes bucketRoutes;
    private final Clock clock = Clock.systemUTC();
    private volatile ClusterStatus status;
    private volatile Bucket[] buckets;
    private volatile boolean closing;
    private CamelClusterService service;
    private Membership membership;
    private Elections elections;
    private LossGuard guard;
    private String nodeId;
    private ScheduledExecutorService checker;
    private ScheduledExecutorService guarding;

    ClusterOwnership(CamelContext camel, ClusterSettings settings, ManagedRoutes routes,
                     ClusterConnection connection) {
        this.camel = camel;
        this.settings = settings;
        this.routes = routes;
        this.connection = connection;
        this.bucketRoutes = new BucketRoutes(routes, settings.buckets());
        this.status = ClusterStatus.starting(settings.nodeId().orElse(""));
    }

    @Override
    public Optional<OwnershipClaim> claim(String account) {
        Bucket[] current = buckets;
        return current == null || !connection.isConnected() ? Optional.empty()
                : current[settings.buckets().of(account)].claimWhileLeader();
    }

    public ClusterStatus status() {
        return status;
    }

    @Override
    protected void doStart() throws Exception {
        ClaimStore claims = camel.getRegistry().findSingleByType(ClaimStore.class);
        Optional<CamelClusterService> found = ClusterServiceHelper.lookupService(camel);
        List<String> missing = new ArrayList<>();
        if (found.isEmpty()) {
            missing.add(NO_SERVICE);
        }
        if (claims == null) {
            missing.add(NO_SHARED_LEDGER);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(String.join("; and ", missing));
        }
        service = found.get();
        nodeId = adoptNodeId(service);
        status = ClusterStatus.starting(nodeId);
        Instant standbyFrom = clock.instant().plus(settings.standby());
        Bucket[] created = new Bucket[settings.buckets().count()];
        Arrays.setAll(created, k -> new Bucket(k, settings.buckets().namespace(k), standbyFrom));
        buckets = created;
        membership = new Membership(service);
        elections = new Elections(settings, service, claims, nodeId, created, bucketRoutes, membership,
                connection, () -> closing, this::wake);
        guard = new LossGuard(created, bucketRoutes, connection);
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopping(CamelContext context) {
                stopChecking();
            }

            @Override
            public void onContextStopped(CamelContext context) {
                connection.close();
            }
        });
        checker = Executors.newSingleThreadScheduledExecutor(daemon("mailbridge-cluster-" + nodeId));
        guarding = Executors.newSingleThreadScheduledExecutor(daemon("mailbridge-cluster-guard-" + nodeId));
        long every = settings.checkEvery().toMillis();
        checker.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        guarding.scheduleWithFixedDelay(this::guard, GUARD_MILLIS, GUARD_MILLIS, TimeUnit.MILLISECONDS);
        connection.start(this::wake);
        LOG.info("Cluster member {} ({} buckets; claims from {}): the account routes start on the node that owns"
                + " their bucket", nodeId, created.length, claims.getClass().getSimpleName());
    }

    @Override
    protected void doStop() throws Exception {
        stopChecking();
        if (!connection.isConnected()) {
            // cut off, every leaving would wait for the connection timeout; closed, it fails at once
            connection.close();
        }
        checker.shutdownNow();
        guarding.shutdownNow();
        checker.awaitTermination(5, TimeUnit.SECONDS);
        guarding.awaitTermination(5, TimeUnit.SECONDS);
        List<Bucket> joined = Arrays.stream(buckets).filter(Bucket::isJoined).toList();
        for (Bucket bucket : buckets) {
            synchronized (bucket) {
                if (bucket.holds()) {
                    bucketRoutes.stop(bucket);
                    bucket.drop();
                }
            }
            bucket.close(service);
        }
        membership.close();
        if (connection.isConnected()) {
            awaitElectionsLeft(joined);
        }
        status = ClusterStatus.starting(nodeId);
    }

    /**
     * From now on no route is started by ownership: Camel is stopping them. Routes start only under their bucket's
     * lock after a look at this flag, so passing through every lock once waits out a start under way, and nothing
     * waits for a check that may be waiting for an unreachable cluster.
     */
    private void stopChecking() {
        closing = true;
        for (Bucket bucket : buckets) {
            synchronized (bucket) {
                bucket.index();
            }
        }
    }

    /**
     * Leaving an election ends in the background; the cluster service must not close its connection before the
     * leaders among the views have given up (a ZooKeeper leader whose connection closed first logs an error; the
     * entries themselves go with the session).
     */
    private void awaitElectionsLeft(List<Bucket> joined) {
        Tasks.foregroundTask().withName("mailbridge-cluster-leave").withBudget(Budgets.iterationTimeBudget()
                        .withMaxDuration(Duration.ofSeconds(1)).withInterval(Duration.ofMillis(10)).build())
                .build()
                .run(camel, () -> !membership.isViewLeader() && joined.stream().noneMatch(Bucket::isViewLeader));
    }

    private void wake() {
        try {
            guarding.execute(this::guard);
            checker.execute(this::check);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void guard() {
        try {
            if (!closing && guard.check()) {
                status = snapshot();
            }
        } catch (RuntimeException e) {
            LOG.error("cannot stop the routes of a lost bucket; trying again in {} ms", GUARD_MILLIS, e);
        }
    }

    private void check() {
        try {
            if (closing || !camel.isStarted()) {
                return;
            }
            elections.check(clock.instant(), bucketRoutes.weights(routes.accountsByRoute()));
            bucketRoutes.reconcile(buckets, () -> closing);
        } catch (Exception e) {
            LOG.error("cluster ownership check failed; the next one is in {} ms", settings.checkEvery().toMillis(), e);
        } finally {
            status = snapshot();
        }
    }

    /**
     * The node id: {@code mailbridge.node}, else the cluster service's own id, else the host name; given
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
        return new ClusterStatus(nodeId, connection.isConnected() && membership.isConnected(), membership.members(),
                List.copyOf(owned));
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
