package io.mailbridge.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The account routes of each bucket: started while this node holds the bucket, stopped otherwise. Callers hold the
 * bucket's lock, so that a route is never started for a claim another thread has just dropped.
 */
final class BucketRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(BucketRoutes.class);
    private static final int NAMES_LOGGED = 50;
    private static final int STOPPING_THREADS = 8;

    private final ManagedRoutes routes;
    private final Buckets buckets;
    private final Executor stopping = Executors.newFixedThreadPool(STOPPING_THREADS, task -> {
        Thread thread = new Thread(task, "mailbridge-cluster-stop");
        thread.setDaemon(true);
        return thread;
    });

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

    /**
     * Stops the routes of the buckets at the same time (a poll under way makes a graceful stop wait for it), and
     * returns once all are stopped.
     */
    void stopTogether(List<Bucket> lost) {
        Set<Integer> indexes = lost.stream().map(Bucket::index).collect(Collectors.toSet());
        List<String> running = routes.accountsByRoute().entrySet().stream()
                .filter(route -> indexes.contains(buckets.of(route.getValue())) && routes.isRunning(route.getKey()))
                .map(Map.Entry::getKey).toList();
        List<CompletableFuture<Void>> stops = running.stream()
                .map(routeId -> CompletableFuture.runAsync(() -> routes.stop(routeId), stopping)).toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
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
    void reconcile(Bucket[] all, BooleanSupplier closing) {
        routes.accountsByRoute().forEach((routeId, account) -> {
            Bucket bucket = all[buckets.of(account)];
            synchronized (bucket) {
                if (closing.getAsBoolean()) {
                    return;
                }
                if (bucket.holds()) {
                    if (routes.isStopped(routeId)) {
                        routes.start(routeId);
                    }
                } else if (routes.isRunning(routeId)) {
                    LOG.warn("route {} of account '{}' runs, but this node does not own bucket {}: stopping it",
                            routeId, account, bucket.index);
                    routes.stop(routeId);
                }
            }
        });
    }

    /** The number of accounts in each bucket. */
    int[] weights(Map<String, String> accountsByRoute) {
        int[] weights = new int[buckets.count()];
        accountsByRoute.values().forEach(account -> weights[buckets.of(account)]++);
        return weights;
    }

    List<String> accountsOf(Bucket bucket) {
        return accountsOf(bucket.index, routes.accountsByRoute());
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
