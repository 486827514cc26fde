package io.mailbridge.ops;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.CamelMetricsService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ManagementServerTest {

    private static final String SUPPORT = "support@example.com";
    private static final String SALES = "sales@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private final ManagementServer http = ManagementServer.onFreePort();

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void the_server_is_not_started_unless_enabled() throws Exception {
        server.addUser(SUPPORT, "secret");
        server.deliver(SUPPORT, message("Hello"));
        Path accounts = new AccountsFile(server).account("support", SUPPORT, "{{test.password}}", "to", "mock:out")
                .writeTo(dir);

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir, Map.of("test.password", "secret",
                "mailbridge.dataDir", dir.toString(), "camel.management.port", String.valueOf(http.port())))) {
            app.camel().getEndpoint("mock:out", MockEndpoint.class).expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);

            assertThat(app.camel().hasService(ManagementHttpServer.class)).isNull();
            assertThat(app.camel().hasService(VertxPlatformHttpServer.class)).isNull();
            assertThat(app.camel().hasService(CamelMetricsService.class)).as("metrics follow the server").isNull();
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", http.port()), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void health_and_metrics_never_show_an_account_password() throws Exception {
        String password = "Zq&+% =7;x#?/RAW(1)";
        String wrongPassword = "Wq&+% =8;y#?/RAW(2)";
        server.addUser(SUPPORT, password);
        server.addUser(SALES, "the-right-one");
        server.deliver(SUPPORT, message("Special characters"));
        Path accounts = new AccountsFile(server)
                .account("support", SUPPORT, "{{test.password}}", "to", "mock:out")
                .account("sales", SALES, "{{test.wrong}}", "to", "mock:out")
                .writeTo(dir);
        Map<String, String> properties = new HashMap<>(http.enabled());
        properties.putAll(Map.of("test.password", password, "test.wrong", wrongPassword,
                "mailbridge.dataDir", dir.toString()));

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir, properties)) {
            app.camel().getEndpoint("mock:out", MockEndpoint.class).expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/observe/health?data=true").body()
                    .contains("authentication failed"));

            List<String> outputs = List.of(
                    http.get("/observe/health?data=true&stackTrace=true").body(),
                    http.get("/observe/health/live?data=true&stackTrace=true").body(),
                    http.get("/observe/health/ready?data=true&stackTrace=true").body(),
                    http.metrics());
            for (String output : outputs) {
                for (String secret : List.of(password, wrongPassword)) {
                    assertThat(output).doesNotContain(secret)
                            .doesNotContain(secret.substring(0, 3))
                            .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8).substring(0, 5));
                }
            }
            assertThat(outputs.get(0)).contains("account-support").contains("account-sales");
            assertThat(outputs.get(3)).contains("mailbridge_messages_delivered_total{account=\"support\"} 1.0");
        }
    }
}
