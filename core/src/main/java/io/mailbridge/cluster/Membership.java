package io.mailbridge.cluster;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who is in the cluster, as this node sees it: the members of the namespace every node joins at start and stays in.
 * This node is connected while the cluster answers and lists it; a node listed no more although the cluster answers
 * lost its place (a ZooKeeper session that ended takes every election entry with it) and must join again.
 */
final class Membership {

    static final String NAMESPACE = "mailbridge-members";
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final CamelClusterService service;
    private CamelClusterView view;
    private boolean joined;
    private volatile boolean connected;
    private volatile List<String> members = List.of();
    private Instant absentSince;

    Membership(CamelClusterService service) {
        this.service = service;
    }

    void join() throws Exception {
        if (view == null) {
            view = service.getView(NAMESPACE);
        } else {
            service.startView(NAMESPACE);
        }
        joined = true;
    }

    boolean isJoined() {
        return joined;
    }

    /** This node's id as the cluster service names it among the members; null before it first joined. */
    String self() {
        return view == null ? null : view.getLocalMember().getId();
    }

    void refresh(Instant now) {
        try {
            List<String> ids = view.getMembers().stream().map(CamelClusterMember::getId).filter(Objects::nonNull)
                    .distinct().sorted().toList();
            boolean listed = ids.contains(self());
            members = listed ? ids : List.of();
            connected = listed;
            absentSince = listed ? null : absentSince == null ? now : absentSince;
        } catch (RuntimeException e) {
            LOG.debug("cannot read the cluster's members: {}", e.toString());
            disconnected();
        }
    }

    void disconnected() {
        members = List.of();
        connected = false;
        absentSince = null;
    }

    /** The cluster answers but has not listed this node for longer than {@code grace}. */
    boolean lostItsPlace(Instant now, Duration grace) {
        return absentSince != null && now.isAfter(absentSince.plus(grace));
    }

    boolean isConnected() {
        return connected;
    }

    /** The live members' ids, sorted; empty when not connected. */
    List<String> members() {
        return members;
    }

    /** Whether this node leads the members' namespace (meaningless, but its leadership ends in the background). */
    boolean isViewLeader() {
        return view != null && view.getLocalMember().isLeader();
    }

    void leave() {
        joined = false;
        connected = false;
        absentSince = null;
        try {
            service.stopView(NAMESPACE);
        } catch (Exception e) {
            LOG.debug("leaving the members' namespace: {}", e.toString());
        }
    }

    void close() {
        if (view != null) {
            try {
                service.releaseView(view);
            } catch (Exception e) {
                LOG.debug("releasing the members' view: {}", e.toString());
            }
        }
    }
}
