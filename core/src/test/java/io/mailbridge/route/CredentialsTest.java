package io.mailbridge.route;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CredentialsTest {

    private static final String LOGIN = "support@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void a_password_with_url_special_characters_logs_in_and_never_appears_in_logs_or_endpoint_uris() throws Exception {
        String password = "Zq&+% =7;x#?/RAW(1)";
        server.addUser(LOGIN, password);
        long uid = server.deliver(LOGIN, message("Special characters"));
        Path accounts = new AccountsFile(server)
                .account("support", LOGIN, "{{test.password}}", "to", "mock:out").writeTo(dir);
        Logger mail = (Logger) LoggerFactory.getLogger("org.apache.camel.component.mail");
        Logger ours = (Logger) LoggerFactory.getLogger("io.mailbridge");
        mail.setLevel(Level.DEBUG);
        ours.setLevel(Level.DEBUG);

        try (LogCapture logs = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                     Map.of("test.password", password, "mailbridge.dataDir", dir.toString()))) {
            MockEndpoint out = app.camel().getEndpoint("mock:out", MockEndpoint.class);
            out.expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", uid));

            assertThat(logs.text()).contains("mail-support").doesNotContain(password).doesNotContain("Zq&");
            for (Endpoint endpoint : app.camel().getEndpoints()) {
                assertThat(endpoint.getEndpointUri()).doesNotContain("Zq&").doesNotContain("Zq%26");
                assertThat(endpoint.toString()).doesNotContain("Zq&").doesNotContain("Zq%26");
            }
        } finally {
            mail.setLevel(null);
            ours.setLevel(null);
        }
    }

    @Test
    void a_google_app_password_written_in_four_groups_logs_in_without_its_spaces() throws Exception {
        server.addUser(LOGIN, "abcdefghijklmnop");
        long uid = server.deliver(LOGIN, message("App password"));
        Path accounts = new AccountsFile(server)
                .account("support", LOGIN, "{{test.password}}", "to", "mock:out").writeTo(dir);

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                Map.of("test.password", "abcd efgh ijkl mnop", "mailbridge.dataDir", dir.toString()))) {
            app.camel().getEndpoint("mock:out", MockEndpoint.class).expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", uid));
        }
    }

    @Test
    void a_wrong_password_is_logged_for_its_account_and_the_other_account_keeps_flowing() throws Exception {
        server.addUser(LOGIN, "right");
        server.addUser("sales@example.com", "sales");
        server.deliver(LOGIN, message("Never read"));
        long salesUid = server.deliver("sales@example.com", message("Still flows"));
        Path accounts = new AccountsFile(server)
                .account("support", LOGIN, "{{test.wrong}}", "to", "mock:support")
                .account("sales", "sales@example.com", "{{test.sales}}", "to", "mock:sales")
                .writeTo(dir);

        try (LogCapture logs = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                     Map.of("test.wrong", "wrong", "test.sales", "sales", "mailbridge.dataDir", dir.toString()))) {
            app.camel().getEndpoint("mock:sales", MockEndpoint.class).expectedMessageCount(1);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen("sales@example.com", "INBOX", salesUid));
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines().stream()
                    .anyMatch(line -> line.contains("mail-support") || line.contains(LOGIN)));
            assertThat(server.unseenCount(LOGIN, "INBOX")).isEqualTo(1);
            assertThat(logs.text()).contains("account 'support' is DOWN: authentication failed");
        }
    }
}
