package io.mailbridge.faults;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.ops.ManagementServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.PostgresServer;
import io.mailbridge.support.TestMail;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mailbridge replicas in child JVMs, each started as an operator starts {@code mailbridge run}, in cluster mode over
 * a real ZooKeeper (curator's {@code TestingServer}), with the delivery ledger in a PostgreSQL database, consuming
 * the accounts of one IMAPS server. Each replica writes its downstream deliveries to its own directory.
 */
final class ReplicaCluster implements AutoCloseable {

    /** The ZooKeeper session timeout the README recommends: it bounds how long a crashed replica's buckets wait. */
    static final int SESSION_MILLIS = 15_000;
    private static final String PASSWORD = "replica-secret";
    private static final String IDLE = "idle";
    private static final Pattern OWNED = Pattern.compile(
            "^mailbridge_cluster_owned_accounts(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    private final Path dir;
    private final PostgresServer postgres;
    private final String ledgerUrl;
    private final long delayMillis;
    private final List<String> jvmOptions;
    private final TestingServer zookeeper;
    private final LoopbackMailServer mail;
    private final List<String> accounts = new ArrayList<>();
    private final Path accountsFile;
    private final String accountsYaml;
    private final Map<String, ChildMailbridge> replicas = new LinkedHashMap<>();
    private final Map<String, ManagementServer> management = new LinkedHashMap<>();
    private final Map<String, String> extraProperties = new HashMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    /**
     * @param delayMillis how long the downstream route holds each message
     * @param jvmOptions  the replicas' JVM options ({@link ChildMailbridge#QUICK_START}, ...)
     */
    ReplicaCluster(Path dir, PostgresServer postgres, int accountCount, long delayMillis, List<String> jvmOptions)
            throws Exception {
        this.dir = dir;
        this.jvmOptions = jvmOptions;
        this.postgres = postgres;
        this.ledgerUrl = postgres.newDatabase();
        this.delayMillis = delayMillis;
        this.zookeeper = new TestingServer(new InstanceSpec(dir.resolve("zookeeper").toFile(), -1, -1, -1, true, -1,
                1000, -1), true);
        this.mail = LoopbackMailServer.start();
        AccountsFile file = new AccountsFile(mail);
        for (int i = 1; i <= accountCount; i++) {
            String name = String.format("account-%03d", i);
            mail.addUser(login(name), PASSWORD);
            file.account(name, login(name), "{{sys:test.password}}", "pollInterval", "1",
                    "to", ChildMailbridge.DOWNSTREAM);
            accounts.add(name);
        }
        this.accountsFile = file.writeTo(Files.createDirectories(dir.resolve("config")));
        this.accountsYaml = Files.readString(accountsFile);
    }

    /**
     * Leaves one account without mail in the accounts file (an empty one is refused): replicas started now run none
     * of the others until {@link #publishAccounts()}.
     */
    void withholdAccounts() throws IOException {
        mail.addUser(login(IDLE), PASSWORD);
        new AccountsFile(mail).account(IDLE, login(IDLE), "{{sys:test.password}}", "to", ChildMailbridge.DOWNSTREAM)
                .writeTo(accountsFile.getParent());
    }

    /** Writes every account back into the accounts file, which the replicas' live reload picks up. */
    void publishAccounts() throws IOException {
        Path next = accountsFile.resolveSibling("accounts.yaml.next");
        Files.writeString(next, accountsYaml);
        Files.move(next, accountsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets a property on the replicas started from now on. */
    void set(String key, String value) {
        extraProperties.put(key, value);
    }

    /** Starts a replica named {@code id} (its node id), with the cluster and ledger settings the README gives. */
    void start(String id) throws Exception {
        ManagementServer http = ManagementServer.onFreePort();
        Map<String, String> properties = new HashMap<>(http.enabled());
        properties.put("test.password", PASSWORD);
        properties.put("test.delayMillis", String.valueOf(delayMillis));
        properties.put("mailbridge.node", id);
        properties.put("mailbridge.cluster.enabled", "true");
        properties.put("mailbridge.cluster.settleSeconds", "2");
        properties.put("camel.cluster.zookeeper.nodes", zookeeper.getConnectString());
        properties.put("camel.cluster.zookeeper.basePath", "/mailbridge");
        properties.put("camel.cluster.zookeeper.sessionTimeout", String.valueOf(SESSION_MILLIS));
        properties.put("camel.cluster.zookeeper.connectTimeout", "5000");
        properties.put("mailbridge.ledger", "jdbc");
        properties.put("mailbridge.ledger.jdbc.url", ledgerUrl);
        properties.put("mailbridge.ledger.jdbc.user", PostgresServer.USER);
        properties.put("mailbridge.ledger.jdbc.password", postgres.password());
        properties.putAll(extraProperties);
        ChildMailbridge child = new ChildMailbridge(accountsFile, Files.createDirectories(dir.resolve(id)),
                properties, "/faults/collect-accounts.camel.yaml", jvmOptions);
        replicas.put(id, child);
        management.put(id, http);
        child.start();
    }

    /** The cluster members a replica sees (its {@code cluster} health check), empty if it does not answer. */
    List<String> members(String id) {
        try {
            return ManagementServer.check(management.get(id).json("/observe/health?data=true"), "cluster")
                    .map(check -> List.of(check.path("data").path("members").asText().split(",\\s*")))
                    .orElse(List.of());
        } catch (RuntimeException notUpYet) {
            return List.of();
        }
    }

    /** SIGKILL. */
    void kill(String id) throws InterruptedException {
        replicas.get(id).kill();
    }

    /** Freezes a replica (SIGSTOP): it neither runs nor answers until {@link #resume(String)}. */
    void pause(String id) throws IOException, InterruptedException {
        replicas.get(id).signal("STOP");
        paused.add(id);
    }

    /** Lets a frozen replica go on (SIGCONT) from where it was. */
    void resume(String id) throws IOException, InterruptedException {
        replicas.get(id).signal("CONT");
        paused.remove(id);
    }

    /** SIGTERM, waiting for the exit. */
    void stop(String id) throws InterruptedException {
        replicas.get(id).terminate(Duration.ofSeconds(60));
    }

    List<String> accounts() {
        return accounts;
    }

    /**
     * Puts {@code perAccount} messages into every account's INBOX, one round over all accounts after the other, and
     * returns their keys ({@code <account>/<uid>}).
     */
    List<String> deliver(int perAccount) {
        List<String> keys = new ArrayList<>();
        for (int round = 1; round <= perAccount; round++) {
            for (String account : accounts) {
                long uid = mail.deliver(login(account), TestMail.message(account + " message " + round));
                keys.add(DeliveredMessages.key(account, uid));
            }
        }
        return keys;
    }

    /**
     * The accounts each live replica says it owns (its {@code mailbridge_cluster_owned_accounts} gauge); a paused one
     * is not asked.
     */
    Map<String, Integer> ownedAccounts() {
        Map<String, Integer> owned = new TreeMap<>();
        replicas.forEach((id, child) -> {
            if (!child.isAlive() || paused.contains(id)) {
                return;
            }
            try {
                Matcher sample = OWNED.matcher(management.get(id).metrics());
                if (sample.find()) {
                    owned.put(id, (int) Double.parseDouble(sample.group(2)));
                }
            } catch (RuntimeException notUpYet) {
                // its management server is not listening yet
            }
        });
        return owned;
    }

    /** How many accounts the live replicas own together. */
    int ownedTotal() {
        return ownedAccounts().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether {@code replicas} replicas are up, owning every account, each within 20 % of an even share. */
    boolean isBalanced(int replicas) {
        Map<String, Integer> owned = ownedAccounts();
        double share = accounts.size() / (double) replicas;
        return owned.size() == replicas && owned.values().stream().mapToInt(Integer::intValue).sum() == accounts.size()
                && owned.values().stream().allMatch(count -> Math.abs(count - share) <= 0.2 * share);
    }

    DeliveredMessages delivered() {
        return DeliveredMessages.inDirectories(replicas.keySet().stream()
                .map(id -> ChildMailbridge.deliveries(dir.resolve(id))).toList());
    }

    int unseen() {
        return accounts.stream().mapToInt(account -> mail.unseenCount(login(account), "INBOX")).sum();
    }

    int messages() {
        return accounts.stream().mapToInt(account -> mail.messageCount(login(account), "INBOX")).sum();
    }

    /** Each account's high-water mark in the shared ledger's cursors. */
    Map<String, Long> highWaterMarks() throws SQLException {
        Map<String, Long> marks = new TreeMap<>();
        query("SELECT account, high_water FROM mailbridge_cursors WHERE mailbox = 'INBOX'",
                row -> marks.put(row.getString(1), row.getLong(2)));
        return marks;
    }

    /** How many rows of each state the shared ledger's deliveries table holds (those above the high-water marks). */
    Map<String, Integer> deliveryRowsByState() throws SQLException {
        Map<String, Integer> states = new TreeMap<>();
        query("SELECT state, count(*) FROM mailbridge_deliveries GROUP BY state",
                row -> states.put(row.getString(1), row.getInt(2)));
        return states;
    }

    /** The node owning each bucket, as the shared ledger's owners table has it. */
    Map<String, String> bucketOwners() throws SQLException {
        Map<String, String> owners = new TreeMap<>();
        query("SELECT bucket, node FROM mailbridge_owners", row -> owners.put(row.getString(1), row.getString(2)));
        return owners;
    }

    /** How many lines of one replica's output contain {@code text}. */
    long logLinesContaining(String id, String text) {
        return replicas.get(id).logLinesContaining(text);
    }

    /** How many lines of all replicas' output contain {@code text}. */
    long logLinesContaining(String text) {
        return replicas.values().stream().mapToLong(child -> child.logLinesContaining(text)).sum();
    }

    String logTails(int lines) {
        StringBuilder tails = new StringBuilder();
        replicas.forEach((id, child) -> tails.append("---- ").append(id).append(", last lines:\n")
                .append(child.logTail(lines)).append('\n'));
        return tails.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            for (ChildMailbridge child : replicas.values()) {
                child.close();
            }
        } finally {
            try {
                mail.close();
            } finally {
                zookeeper.close();
            }
        }
    }

    private void query(String sql, RowReader reader) throws SQLException {
        try (Connection connection = postgres.connect(ledgerUrl); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    private static String login(String account) {
        return account + "@example.com";
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }
}
