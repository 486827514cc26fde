package io.mailbridge.cluster;

import io.mailbridge.delivery.DeliveryLedgers;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.ops.ManagementServer;
import io.mailbridge.ownership.ClaimStore;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.TcpProxy;
import io.mailbridge.support.TestMail;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real ZooKeeper (curator's {@code TestingServer} on a free port), an IMAPS server with many accounts, and
 * mailbridge nodes in this JVM that share them: each node with its own data directory, all with one delivery ledger
 * and one downstream count.
 */
final class TestCluster implements AutoCloseable {

    /** ZooKeeper's tick: sessions may last from 2 to 20 ticks. */
    private static final int TICK_MILLIS = 250;
    static final int SESSION_MILLIS = 4000;

    private final Path dir;
    private final TestingServer zookeeper;
    private final LoopbackMailServer mail;
    private final List<String> accounts = new CopyOnWriteArrayList<>();
    private volatile boolean liveReload;
    private final Path accountsFile;
    private final DeliveryLedgers ledger;
    private final Deliveries deliveries = new Deliveries();
    private final ClaimStore claims = new InMemoryClaimStore();
    private final Map<String, ClusterNode> nodes = new ConcurrentHashMap<>();
    private final Set<String> seenOnTwoNodes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final Map<String, ManagementServer> management = new ConcurrentHashMap<>();

    private TestCluster(Path dir, int accountCount) throws Exception {
        this.dir = dir;
        this.zookeeper = new TestingServer(new InstanceSpec(dir.resolve("zookeeper").toFile(), -1, -1, -1, true, -1,
                TICK_MILLIS, -1), true);
        this.mail = LoopbackMailServer.start();
        this.accountsFile = Files.createDirectories(dir.resolve("routes")).resolve("accounts.yaml");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= accountCount; i++) {
            names.add("account-" + i);
        }
        writeAccounts(names);
        this.ledger = new DeliveryLedgers(dir.resolve("ledger"));
        sampler.scheduleWithFixedDelay(this::sample, 0, 20, TimeUnit.MILLISECONDS);
    }

    static TestCluster start(Path dir, int accounts) throws Exception {
        return new TestCluster(dir, accounts);
    }

    List<String> accounts() {
        return List.copyOf(accounts);
    }

    /** Writes the accounts file anew with these accounts, as an operator edits it while the nodes run. */
    void writeAccounts(List<String> names) {
        AccountsFile file = new AccountsFile(mail);
        for (String name : names) {
            if (!accounts.contains(name)) {
                mail.addUser(name + "@example.com", "secret");
            }
            file.account(name, name + "@example.com", "secret", "to", Deliveries.ENDPOINT, "pollInterval", "1");
        }
        file.writeTo(accountsFile.getParent());
        accounts.clear();
        accounts.addAll(names);
    }

    /** Nodes started from now on apply edits of the accounts file while they run. */
    void enableLiveReload() {
        liveReload = true;
    }

    String zookeeperAddress() {
        return zookeeper.getConnectString();
    }

    /** The health and metrics server the node will serve once started. */
    ManagementServer managementOf(String id) {
        return management.computeIfAbsent(id, node -> ManagementServer.onFreePort());
    }

    /** A proxy to ZooKeeper that a node can be cut off by; closed after the nodes. */
    TcpProxy proxyToZookeeper() {
        TcpProxy proxy = TcpProxy.start("127.0.0.1", zookeeper.getPort(), proxies.size());
        proxies.add(proxy);
        return proxy;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    /** Sends one message to each account; returns how many were sent in all since the start. */
    int sendToEveryAccount(String subject) {
        for (String account : accounts) {
            mail.deliver(account + "@example.com", TestMail.message(subject + " for " + account));
            sent.incrementAndGet();
        }
        return sent.get();
    }

    int sent() {
        return sent.get();
    }

    /** Starts the nodes at the same time, as a deployment of several replicas does. */
    void startNodes(String... ids) throws Exception {
        Map<String, String> direct = new TreeMap<>();
        for (String id : ids) {
            direct.put(id, zookeeperAddress());
        }
        startNodes(direct);
    }

    /** Starts the nodes at the same time, each reaching ZooKeeper at its address (e.g. through a proxy). */
    void startNodes(Map<String, String> zookeeperAddressByNode) throws Exception {
        List<Future<ClusterNode>> starting = new ArrayList<>();
        ExecutorService starter = Executors.newFixedThreadPool(zookeeperAddressByNode.size());
        try {
            zookeeperAddressByNode.forEach((id, address) -> starting.add(starter.submit(() -> startNode(id, address))));
            for (Future<ClusterNode> node : starting) {
                node.get(60, TimeUnit.SECONDS);
            }
        } finally {
            starter.shutdown();
        }
    }

    ClusterNode startNode(String id) throws Exception {
        return startNode(id, zookeeperAddress());
    }

    /** Starts a node that reaches ZooKeeper at {@code zookeeperAddress} (e.g. through a proxy). */
    ClusterNode startNode(String id, String zookeeperAddress) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("mailbridge.dataDir", dir.resolve(id).toString());
        properties.put("mailbridge.cluster.enabled", "true");
        properties.put("mailbridge.cluster.buckets", "64");
        properties.put("mailbridge.cluster.checkSeconds", "0.1");
        properties.put("mailbridge.cluster.settleSeconds", "1");
        properties.put("mailbridge.cluster.standbySeconds", "2");
        properties.put("camel.cluster.zookeeper.nodes", zookeeperAddress);
        properties.put("camel.cluster.zookeeper.basePath", "/mailbridge");
        properties.put("camel.cluster.zookeeper.sessionTimeout", String.valueOf(SESSION_MILLIS));
        properties.put("camel.cluster.zookeeper.connectTimeout", "2000");
        if (liveReload) {
            properties.put("mailbridge.reload.enabled", "true");
            properties.put("mailbridge.reload.intervalSeconds", "0.2");
        }
        if (management.containsKey(id)) {
            properties.putAll(management.get(id).enabled());
        }
        ClusterNode node = ClusterNode.start(id, accountsFile, dir.resolve("routes"), properties, ledger, claims,
                deliveries.route());
        nodes.put(id, node);
        return node;
    }

    ClusterStatus status(String id) {
        return nodes.get(id).status();
    }

    void stopNode(String id) {
        nodes.remove(id).close();
    }

    /** For each running node, the accounts it runs now. */
    Map<String, Set<String>> running() {
        Map<String, Set<String>> running = new TreeMap<>();
        nodes.forEach((id, node) -> running.put(id, node.runningAccounts()));
        return running;
    }

    /** The accounts that run on no node, and those that run on more than one, now. */
    Set<String> notRunningExactlyOnce() {
        Map<String, Integer> count = nodesRunning(running());
        Set<String> wrong = new TreeSet<>();
        for (String account : accounts) {
            if (count.getOrDefault(account, 0) != 1) {
                wrong.add(account);
            }
        }
        return wrong;
    }

    /** True when every account runs on exactly one node, and each node runs from 80 to 120% of its fair share. */
    boolean isBalanced() {
        Map<String, Set<String>> running = running();
        double fair = (double) accounts.size() / running.size();
        return notRunningExactlyOnce().isEmpty() && running.values().stream()
                .allMatch(mine -> mine.size() >= 0.8 * fair && mine.size() <= 1.2 * fair);
    }

    /** The accounts that were ever seen running on two nodes at once, sampled every 20 ms. */
    Set<String> seenOnTwoNodes() {
        return Set.copyOf(seenOnTwoNodes);
    }

    private void sample() {
        try {
            Map<String, Set<String>> running = running();
            nodesRunning(running).forEach((account, count) -> {
                if (count > 1) {
                    seenOnTwoNodes.add(account);
                }
            });
        } catch (RuntimeException e) {
            // a node stopping under the sample
        }
    }

    private static Map<String, Integer> nodesRunning(Map<String, Set<String>> running) {
        Map<String, Integer> count = new HashMap<>();
        running.values().forEach(accountsOfNode -> accountsOfNode.forEach(a -> count.merge(a, 1, Integer::sum)));
        return count;
    }

    @Override
    public void close() throws Exception {
        sampler.shutdownNow();
        try {
            new ArrayList<>(nodes.keySet()).parallelStream().forEach(this::stopNode);
        } finally {
            try {
                proxies.forEach(TcpProxy::close);
                ledger.close();
                mail.close();
            } finally {
                zookeeper.close();
            }
        }
    }
}
