package io.mailbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.main.MainHelper;
import org.apache.camel.support.PropertyBindingSupport;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Makes the Camel cluster service that {@code camel.cluster.zookeeper.*} or {@code camel.cluster.kubernetes.*}
 * describe (in properties files, overridden by {@code CAMEL_CLUSTER_ZOOKEEPER_NODES}-style environment variables,
 * overridden by {@code -D} system properties, as camel-main orders them), each key set on the service as a bean
 * property, as later camel-main versions do themselves: 4.18's does not read these keys.
 */
final class ClusterServiceProperties {

    static final String PREFIX = "camel.cluster.";
    private static final Map<String, String> TYPES = Map.of(
            "zookeeper", "org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService",
            "kubernetes", "org.apache.camel.component.kubernetes.cluster.KubernetesClusterService");

    private ClusterServiceProperties() {
    }

    /** The configured service, not yet added to the context; empty when no {@code camel.cluster.*} key is set. */
    static Optional<CamelClusterService> create(CamelContext camel) {
        Map<String, Map<String, Object>> byType = byType(camel);
        byType.values().removeIf(options -> "false".equalsIgnoreCase(String.valueOf(options.remove("enabled"))));
        if (byType.isEmpty()) {
            return Optional.empty();
        }
        if (byType.size() > 1) {
            throw new IllegalArgumentException("more than one Camel cluster service is configured ("
                    + String.join(", ", byType.keySet().stream().map(type -> PREFIX + type + ".*").toList())
                    + "); keep one, or set " + PREFIX + "<type>.enabled = false on the others");
        }
        Map.Entry<String, Map<String, Object>> configured = byType.entrySet().iterator().next();
        return Optional.of(create(camel, configured.getKey(), configured.getValue()));
    }

    private static CamelClusterService create(CamelContext camel, String type, Map<String, Object> options) {
        String className = TYPES.get(type);
        if (className == null) {
            throw new IllegalArgumentException("unknown Camel cluster service '" + PREFIX + type + "'; mailbridge knows "
                    + String.join(", ", new TreeMap<>(TYPES).keySet().stream().map(t -> PREFIX + t).toList()));
        }
        Class<?> serviceClass = camel.getClassResolver().resolveClass(className);
        if (serviceClass == null) {
            throw new IllegalStateException(PREFIX + type + ".* is set but " + className
                    + " is not on the class path (camel-" + type + ")");
        }
        CamelClusterService service = (CamelClusterService) camel.getInjector().newInstance(serviceClass);
        Map<String, Object> unknown = new TreeMap<>(options);
        PropertyBindingSupport.build().withCamelContext(camel).withTarget(service).withProperties(unknown)
                .withIgnoreCase(true).withRemoveParameters(true).bind();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + PREFIX + type + " option(s): " + unknown.keySet().stream()
                    .map(key -> PREFIX + type + "." + key).collect(Collectors.joining(", ")));
        }
        return service;
    }

    private static Map<String, Map<String, Object>> byType(CamelContext camel) {
        Properties properties = new Properties();
        properties.putAll(camel.getPropertiesComponent().loadProperties(key -> key.startsWith(PREFIX)));
        properties.putAll(MainHelper.loadEnvironmentVariablesAsProperties(new String[] {PREFIX}));
        properties.putAll(MainHelper.loadJvmSystemPropertiesAsProperties(new String[] {PREFIX}));
        Map<String, Map<String, Object>> byType = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                String value = camel.resolvePropertyPlaceholders(properties.getProperty(key));
                byType.computeIfAbsent(rest.substring(0, dot).toLowerCase(Locale.ROOT), type -> new TreeMap<>())
                        .put(rest.substring(dot + 1), value);
            }
        }
        return byType;
    }
}
