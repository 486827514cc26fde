package io.mailbridge.cluster;

import io.mailbridge.ownership.OwnershipClaim;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * One bucket as this node sees it: whether it takes part in the bucket's election (its cluster view is started),
 * when it may join again after leaving, which member was preferred when it joined, and the claim it holds while it
 * owns the bucket. Its election is joined and left by the ownership check only; the claim is read by any thread, and
 * taken, dropped and acted on (routes started or stopped) only while holding the bucket's lock.
 */
final class Bucket {

    private static final Logger LOG = LoggerFactory.getLogger(Bucket.class);

    final int index;
    final String namespace;
    private volatile CamelClusterView view;
    private volatile boolean joined;
    private volatile OwnershipClaim claim;
    private volatile Instant heldSince = Instant.EPOCH;
    private Instant joinAt;
    private String joinedUnder;
    private Instant candidateAskedAt;
    private volatile boolean lost;

    Bucket(int index, String namespace, Instant joinAt) {
        this.index = index;
        this.namespace = namespace;
        this.joinAt = joinAt;
    }

    int index() {
        return index;
    }

    boolean isJoined() {
        return joined;
    }

    boolean isLeader() {
        CamelClusterView current = view;
        return joined && current != null && current.getLocalMember().isLeader();
    }

    /** Whether the view still leads, joined or not: leaving ends in the background. */
    boolean isViewLeader() {
        CamelClusterView current = view;
        return current != null && current.getLocalMember().isLeader();
    }

    boolean holds() {
        return claim != null;
    }

    /** The claim, while this node holds the bucket and still leads its election. */
    Optional<OwnershipClaim> claimWhileLeader() {
        OwnershipClaim held = claim;
        return held != null && isLeader() ? Optional.of(held) : Optional.empty();
    }

    Instant joinAt() {
        return joinAt;
    }

    String joinedUnder() {
        return joinedUnder;
    }

    Instant heldSince() {
        return heldSince;
    }

    /** Takes part in the bucket's election, queueing behind the members already in it. */
    void join(CamelClusterService service, String preferred, Runnable onLeadershipChange) throws Exception {
        if (view == null) {
            CamelClusterView created = service.getView(namespace);
            created.addEventListener((CamelClusterEventListener.Leadership) (ignored, leader) ->
                    onLeadershipChange.run());
            view = created;
        } else {
            service.startView(namespace);
        }
        joined = true;
        joinedUnder = preferred;
    }

    /** Leaves the election (holding no claim) and may join again from {@code rejoinAt}. */
    void leave(CamelClusterService service, Instant rejoinAt) {
        joinAt = rejoinAt;
        lost = false;
        if (!joined) {
            return;
        }
        joined = false;
        try {
            service.stopView(namespace);
        } catch (Exception e) {
            // without a connection the view cannot name the new leader as it stops; it has left all the same
            LOG.debug("bucket {}: leaving its election: {}", index, e.toString());
        }
    }

    /**
     * Whether the member takes part in the bucket's election now, as far as the cluster answers; asked of the
     * cluster at most once a second, a "no" holding until then.
     */
    boolean hasCandidate(String member, Instant now) {
        if (candidateAskedAt != null && now.isBefore(candidateAskedAt.plusSeconds(1))) {
            return false;
        }
        candidateAskedAt = now;
        try {
            return view != null && view.getMembers().stream().map(CamelClusterMember::getId).anyMatch(member::equals);
        } catch (RuntimeException e) {
            return false;
        }
    }

    void hold(OwnershipClaim taken, Instant now) {
        claim = taken;
        heldSince = now;
        lost = false;
    }

    /** Leadership ended while holding: a ZooKeeper view no longer takes part in the election until it joins again. */
    void markLost() {
        lost = true;
    }

    boolean wasLost() {
        return lost;
    }

    /** Gives up the claim; returns the one given up, or null when none was held. */
    OwnershipClaim drop() {
        OwnershipClaim dropped = claim;
        claim = null;
        return dropped;
    }

    void close(CamelClusterService service) {
        joined = false;
        if (view != null) {
            try {
                service.releaseView(view);
            } catch (Exception e) {
                LOG.debug("bucket {}: releasing its view: {}", index, e.toString());
            }
        }
    }
}
