package io.mailbridge.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** The account routes of each bucket: started while this node holds the bucket, stopped otherwise. */
final class BucketRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(BucketRoutes.class);
    private static final int NAMES_LOGGED = 50;

    private final ManagedRoutes routes;
    private final Buckets buckets;

    BucketRoutes(ManagedRoutes routes, Buckets buckets) {
        this.routes = routes;
        this.buckets = buckets;
    }

    /** Starts the bucket's routes; returns its accounts. */
    List<String> start(Bucket bucket) {
        Map<String, String> accountsByRoute = routes.accountsByRoute();
        accountsByRoute.forEach((routeId, account) -> {
            if (buckets.of(account) == bucket.index && routes.isStopped(routeId)) {
                routes.start(routeId);
            }
        });
        return accountsOf(bucket.index, accountsByRoute);
    }

    /** Stops the bucket's routes, each after its messages in flight; returns its accounts once all are stopped. */
    List<String> stop(Bucket bucket) {
        Map<String, String> accountsByRoute = routes.accountsByRoute();
        accountsByRoute.forEach((routeId, account) -> {
            if (buckets.of(account) == bucket.index && routes.isRunning(routeId)) {
                routes.stop(routeId);
            }
        });
        return accountsOf(bucket.index, accountsByRoute);
    }

    /**
     * Starts the routes of held buckets that are not running (accounts added by live reload), and stops any route
     * of a bucket this node does not hold that was started behind ownership's back.
     */
    void reconcile(Bucket[] all) {
        routes.accountsByRoute().forEach((routeId, account) -> {
            Bucket bucket = all[buckets.of(account)];
            if (bucket.holds()) {
                if (routes.isStopped(routeId)) {
                    routes.start(routeId);
                }
            } else if (routes.isRunning(routeId)) {
                LOG.warn("route {} of account '{}' runs, but this node does not own bucket {}: stopping it", routeId,
                        account, bucket.index);
                routes.stop(routeId);
            }
        });
    }

    /** The number of accounts in each bucket. */
    int[] weights(Map<String, String> accountsByRoute) {
        int[] weights = new int[buckets.count()];
        accountsByRoute.values().forEach(account -> weights[buckets.of(account)]++);
        return weights;
    }

    List<String> accountsOf(int bucket, Map<String, String> accountsByRoute) {
        return accountsByRoute.values().stream().filter(account -> buckets.of(account) == bucket).sorted().toList();
    }

    static String describe(List<String> accounts) {
        if (accounts.isEmpty()) {
            return "no accounts";
        }
        String named = String.join(", ", accounts.subList(0, Math.min(NAMES_LOGGED, accounts.size())));
        return "accounts " + named + (accounts.size() > NAMES_LOGGED
                ? " and " + (accounts.size() - NAMES_LOGGED) + " more" : "");
    }
}
