package io.mailbridge.consumer;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.message.MailMessage;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TcpProxy;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.eclipse.angus.mail.imap.IdleManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ImapIdleTest {

    private static final String LOGIN = "support@example.com";
    private static final String PASSWORD = "support-secret";
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private TcpProxy proxy;
    private final List<MailMessage> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, PASSWORD);
        proxy = TcpProxy.start(server.host(), server.imapsPort(), 1L);
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    @Test
    void mail_sent_over_smtp_reaches_the_pipeline_at_once_although_the_poll_interval_is_a_minute() throws Exception {
        try (RunningMailbridge app = start("pollInterval", "60")) {
            awaitIdle(app.camel(), "watching");

            send("Pushed by IDLE");

            await().atMost(AT_ONCE).until(() -> delivered.size() == 1);
            MailMessage message = delivered.get(0);
            assertThat(message.subject()).isEqualTo("Pushed by IDLE");
            assertThat(message.text()).contains("body of Pushed by IDLE");
            await().atMost(AT_ONCE).until(() -> server.isSeen(LOGIN, "INBOX", message.uid()));
        }
    }

    @Test
    void the_watcher_reconnects_after_its_connection_is_cut_and_mail_still_arrives_at_once() throws Exception {
        try (RunningMailbridge app = start("pollInterval", "60", "port", String.valueOf(proxy.port()))) {
            awaitIdle(app.camel(), "watching");
            int connections = proxy.acceptedConnections();

            proxy.cutAll();

            await().atMost(AT_ONCE).until(() -> proxy.acceptedConnections() > connections
                    && "watching".equals(idleState(app.camel())));
            send("After the cut");
            await().atMost(AT_ONCE).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).subject()).isEqualTo("After the cut");
            await().atMost(AT_ONCE).until(() -> server.isSeen(LOGIN, "INBOX", delivered.get(0).uid()));
        }
    }

    @Test
    void an_idle_renewed_every_second_keeps_its_connection_and_still_reports_new_mail() throws Exception {
        try (RunningMailbridge app = start(Map.of("mailbridge.idleRenewSeconds", "1"),
                "pollInterval", "60", "port", String.valueOf(proxy.port()))) {
            awaitIdle(app.camel(), "watching");
            int connections = proxy.acceptedConnections();
            long quiet = proxy.bytesForwarded();
            // each renewal is DONE, NOOP and IDLE with their answers, a few hundred bytes of TLS records; nothing else
            // crosses the proxy while both connections wait
            await().atMost(AT_ONCE).until(() -> proxy.bytesForwarded() > quiet + 600);

            send("After renewals");

            await().atMost(AT_ONCE).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).subject()).isEqualTo("After renewals");
            assertThat(idleState(app.camel())).isEqualTo("watching");
            assertThat(proxy.acceptedConnections()).as("connections: no reconnect").isEqualTo(connections);
        }
    }

    @Test
    void a_selector_thread_that_stopped_is_started_again_and_mail_is_pushed_again() throws Exception {
        try (RunningMailbridge app = start("pollInterval", "60")) {
            awaitIdle(app.camel(), "watching");
            IdleWatching watching = app.camel().getComponent("mailbridge-imaps", BatchImapComponent.class)
                    .idleWatching();
            IdleManager first = watching.manager();

            first.stop();

            await().atMost(IdleWatching.SELECTOR_CHECK.plus(AT_ONCE))
                    .until(() -> watching.manager() != first && watching.manager().isRunning());
            assertThat(first.isRunning()).isFalse();
            send("Under a new selector");
            await().atMost(AT_ONCE).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).subject()).isEqualTo("Under a new selector");
            assertThat(idleState(app.camel())).isEqualTo("watching");
        }
    }

    @Test
    void idle_off_keeps_polling_on_one_connection_only() throws Exception {
        try (RunningMailbridge app = start("pollInterval", "1", "idle", "off", "port", String.valueOf(proxy.port()))) {
            send("Polled");

            await().atMost(AT_ONCE).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).subject()).isEqualTo("Polled");
            assertThat(idleState(app.camel())).isEqualTo("off");
            assertThat(proxy.acceptedConnections()).as("connections: the poll's only").isEqualTo(1);
        }
    }

    private RunningMailbridge start(String... fields) throws Exception {
        return start(Map.of(), fields);
    }

    private RunningMailbridge start(Map<String, String> properties, String... fields) throws Exception {
        String[] withTo = new String[fields.length + 2];
        System.arraycopy(fields, 0, withTo, 0, fields.length);
        withTo[fields.length] = "to";
        withTo[fields.length + 1] = "direct:collect";
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.password}}", withTo).writeTo(dir);
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("test.password", PASSWORD);
        all.put("mailbridge.dataDir", dir.resolve("data").toString());
        return RunningMailbridge.start(accounts, dir, all,
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:collect").routeId("collect")
                                .process(exchange -> delivered.add(exchange.getMessage().getBody(MailMessage.class)));
                    }
                });
    }

    private void send(String subject) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", server.host());
        properties.setProperty("mail.smtp.port", String.valueOf(server.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("ana@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(LOGIN));
        message.setSubject(subject);
        message.setText("body of " + subject);
        Transport.send(message);
    }

    /** Waits for the consumer's first poll to have worked and for its IDLE watcher to be in {@code state}. */
    private static void awaitIdle(CamelContext camel, String state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> consumerHealth(camel)
                .filter(result -> result.getState() == HealthCheck.State.UP)
                .filter(result -> state.equals(String.valueOf(result.getDetails().get("idle")))).isPresent());
    }

    private static String idleState(CamelContext camel) {
        return consumerHealth(camel).map(result -> String.valueOf(result.getDetails().get("idle")))
                .orElse("no health check");
    }

    private static Optional<HealthCheck.Result> consumerHealth(CamelContext camel) {
        return HealthCheckHelper.invoke(camel).stream()
                .filter(result -> result.getCheck().getId().equals("consumer:mail-support")).findFirst();
    }
}
