package io.mailbridge.cluster;

import org.apache.camel.CamelContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code mailbridge.cluster.*} properties: whether this node shares the accounts with others, its id, the number
 * of buckets, and the pace of ownership: how often it is checked, how long membership must hold still before buckets
 * move (settle), and how long a node waits before it queues as stand-by for buckets another node prefers.
 */
public record ClusterSettings(boolean enabled, Optional<String> nodeId, Buckets buckets, Duration checkEvery,
                              Duration settle, Duration standby) {

    static final String PREFIX = "mailbridge.cluster.";
    public static final String ENABLED = PREFIX + "enabled";
    /** The node's name, shared with the delivery ledger, which writes it into every row. */
    public static final String NODE_ID = "mailbridge.node";
    public static final String BUCKETS = PREFIX + "buckets";
    public static final String CHECK_SECONDS = PREFIX + "checkSeconds";
    public static final String SETTLE_SECONDS = PREFIX + "settleSeconds";
    public static final String STANDBY_SECONDS = PREFIX + "standbySeconds";

    public static ClusterSettings of(CamelContext camel) {
        return new ClusterSettings(
                Boolean.parseBoolean(property(camel, ENABLED).orElse("false")),
                property(camel, NODE_ID).filter(id -> !id.isBlank()),
                new Buckets(integer(camel, BUCKETS, "64")),
                seconds(camel, CHECK_SECONDS, "1"),
                seconds(camel, SETTLE_SECONDS, "10"),
                seconds(camel, STANDBY_SECONDS, "30"));
    }

    /** {@code mailbridge.node}, else the host name. */
    String nodeIdOrHostName() {
        return nodeId.orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return Optional.ofNullable(System.getenv("HOSTNAME")).orElseThrow(() -> new IllegalStateException(
                        "cannot tell this host's name; set " + NODE_ID, e));
            }
        });
    }

    private static Optional<String> property(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key).map(String::trim);
    }

    private static int integer(CamelContext camel, String key, String otherwise) {
        String value = property(camel, key).orElse(otherwise);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static Duration seconds(CamelContext camel, String key, String otherwise) {
        String value = property(camel, key).orElse(otherwise);
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of seconds, was '" + value + "'", e);
        }
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new IllegalArgumentException(key + " must be a number of seconds above 0 (at most 3600), was '"
                    + value + "'");
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
