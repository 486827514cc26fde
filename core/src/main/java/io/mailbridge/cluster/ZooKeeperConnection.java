package io.mailbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorHelper;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.state.ConnectionState;

import java.util.Optional;

/**
 * The ZooKeeper service's connection, from the Curator client mailbridge gives it (so that it can listen to it).
 * Curator's rule for leaders is to stop at {@code SUSPENDED}; Camel's ZooKeeper view ends its leadership only after
 * one more call to ZooKeeper, which waits for the connection timeout, sometimes past the session's end.
 */
final class ZooKeeperConnection implements ClusterConnection {

    private final CuratorFramework curator;
    private volatile boolean connected;

    private ZooKeeperConnection(CuratorFramework curator) {
        this.curator = curator;
    }

    /**
     * Gives a ZooKeeper service that has no Curator client yet one of ours, made from its settings; call before the
     * service starts. The service is initialized here: only then does it turn its settings into a configuration.
     */
    static Optional<ClusterConnection> attach(CamelContext camel, CamelClusterService service) {
        if (!(service instanceof ZooKeeperClusterService zookeeper)) {
            return Optional.empty();
        }
        zookeeper.setCamelContext(camel);
        zookeeper.init();
        if (zookeeper.getCuratorFramework() != null) {
            return Optional.empty();
        }
        CuratorFramework curator = ZooKeeperCuratorHelper.createCurator(zookeeper.getConfiguration());
        zookeeper.setCuratorFramework(curator);
        return Optional.of(new ZooKeeperConnection(curator));
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void start(Runnable onChange) {
        curator.getConnectionStateListenable().addListener((client, state) -> {
            connected = state.isConnected() && state != ConnectionState.READ_ONLY;
            onChange.run();
        });
        if (curator.getState() == CuratorFrameworkState.LATENT) {
            curator.start();
        }
        connected = curator.getZookeeperClient().isConnected();
    }

    @Override
    public void close() {
        curator.close();
    }
}
