import io.mailbridge.app.MailbridgeApplication;
import io.mailbridge.message.MailMessage;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;

import java.lang.management.ManagementFactory;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * bench/idle.sh's driver: starts mailbridge in this JVM with N accounts on the bench Dovecot (idle: auto or off), waits
 * until every account is ready (IDLE watching, or first poll done), samples threads and heap, then APPENDs messages
 * one at a time at random accounts and measures APPEND-to-pipeline latency. Prints one markdown row.
 */
public final class IdleLatency {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        String label = o.get("label");
        String mode = o.get("mode");
        int accounts = Integer.parseInt(o.get("accounts"));
        String user = o.get("user");
        String poll = o.get("poll");
        int messages = Integer.parseInt(o.get("messages"));
        int port = Integer.parseInt(o.get("port"));
        String password = o.get("password");
        String trust = o.get("trust");
        String trustPassword = o.get("trust-password");

        Path dir = Files.createTempDirectory("idle-bench");
        Path routes = Files.createDirectories(dir.resolve("routes"));
        List<String> logins = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (int i = 1; i <= accounts; i++) {
            String login = accounts == 1 ? user : String.format("%s%04d", user, i);
            logins.add(login);
            yaml.append("  - name: a").append(i).append('\n')
                    .append("    username: ").append(login).append('\n')
                    .append("    password: \"{{bench.password}}\"\n")
                    .append("    host: 127.0.0.1\n    port: ").append(port).append('\n')
                    .append("    trustStore: ").append(trust).append('\n')
                    .append("    trustStorePassword: \"{{bench.trust}}\"\n")
                    .append("    pollInterval: ").append(poll).append('\n')
                    .append("    idle: ").append(mode).append('\n')
                    .append("    start: new\n    to: direct:latency\n");
        }
        Path accountsFile = Files.writeString(dir.resolve("accounts.yaml"), yaml);
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Map<String, String> properties = Map.of("bench.password", password, "bench.trust", trustPassword,
                "mailbridge.dataDir", dir.resolve("data").toString(), "mailbridge.reload.enabled", "false");
        long started = System.nanoTime();
        Main main = MailbridgeApplication.create(accountsFile, routes, properties);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:latency").routeId("latency").process(exchange -> arrived.putIfAbsent(
                        exchange.getMessage().getBody(MailMessage.class).subject(), System.nanoTime()));
            }
        });
        main.start();
        CamelContext camel = main.getCamelContext();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (ready(camel, mode) < accounts) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ready(camel, mode) + " of " + accounts + " ready in 10 min");
            }
            Thread.sleep(200);
        }
        double readySeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(2_000);
        System.gc();
        System.gc();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        Random random = new Random(42);
        KeyStore store0 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(Path.of(trust))) {
            store0.load(in, trustPassword.toCharArray());
        }
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(store0);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trusted.getTrustManagers(), null);
        Properties client = new Properties();
        client.put("mail.imaps.ssl.socketFactory", tls.getSocketFactory());
        Session session = Session.getInstance(client);
        Map<String, Folder> inboxes = new HashMap<>();
        List<String> targets = new ArrayList<>();
        for (int n = 0; n < messages; n++) {
            String login = logins.get(random.nextInt(logins.size()));
            targets.add(login);
            if (!inboxes.containsKey(login)) {
                Store store = session.getStore("imaps");
                store.connect("127.0.0.1", port, login, password);
                inboxes.put(login, store.getFolder("INBOX"));
            }
        }
        Map<String, Long> sent = new HashMap<>();
        Map<String, Long> stored = new HashMap<>();
        for (int n = 0; n < messages; n++) {
            Thread.sleep(300 + random.nextInt(500));
            String subject = label + " " + n;
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("bench@example.org"));
            message.setRecipients(Message.RecipientType.TO, targets.get(n) + "@example.org");
            message.setSubject(subject);
            message.setText("latency probe " + n);
            sent.put(subject, System.nanoTime());
            inboxes.get(targets.get(n)).appendMessages(new Message[] {message});
            stored.put(subject, System.nanoTime());
        }
        long wait = System.nanoTime() + (long) (Double.parseDouble(poll) * 2e9) + 30_000_000_000L;
        while (!arrived.keySet().containsAll(sent.keySet()) && System.nanoTime() < wait) {
            Thread.sleep(50);
        }
        List<Double> latencies = new ArrayList<>();
        List<Double> fromStored = new ArrayList<>();
        List<Double> appends = new ArrayList<>();
        for (Map.Entry<String, Long> s : sent.entrySet()) {
            Long at = arrived.get(s.getKey());
            appends.add((stored.get(s.getKey()) - s.getValue()) / 1e6);
            if (at != null) {
                latencies.add((at - s.getValue()) / 1e6);
                fromStored.add((at - stored.get(s.getKey())) / 1e6);
            }
        }
        Collections.sort(latencies);
        Collections.sort(fromStored);
        Collections.sort(appends);
        main.stop();
        for (Folder inbox : inboxes.values()) {
            inbox.getStore().close();
        }
        System.out.printf("| %s | %s | %d | %s | %d/%d | %s | %s | %s | %s / %s | %s | %d | %.0f | %.1f |%n", label,
                mode, accounts, poll, latencies.size(), messages, ms(latencies, 0.50), ms(latencies, 0.99),
                ms(latencies, 1.0), ms(fromStored, 0.50), ms(fromStored, 0.99), ms(appends, 0.50), threads,
                heap / 1048576.0, readySeconds);
        System.exit(0);
    }

    private static String ms(List<Double> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return String.format("%.0f ms", sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private static long ready(CamelContext camel, String mode) {
        return HealthCheckHelper.invoke(camel).stream()
                .filter(result -> result.getCheck().getId().startsWith("consumer:mail-"))
                .filter(result -> result.getState() == HealthCheck.State.UP)
                .filter(result -> !"auto".equals(mode) || "watching".equals(result.getDetails().get("idle")))
                .count();
    }
}
