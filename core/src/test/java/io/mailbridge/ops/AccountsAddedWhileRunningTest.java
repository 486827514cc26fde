package io.mailbridge.ops;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.mailbridge.ops.ManagementServer.check;
import static io.mailbridge.ops.ManagementServer.sample;
import static io.mailbridge.support.TestMail.message;
import static org.awaitility.Awaitility.await;

class AccountsAddedWhileRunningTest {

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private final ManagementServer http = ManagementServer.onFreePort();

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser("support@example.com", "support-secret");
        server.addUser("sales@example.com", "sales-secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void an_account_added_to_the_accounts_file_is_checked_and_measured_until_it_is_removed() throws Exception {
        server.deliver("sales@example.com", message("Quote for 300 seats"));
        Path accounts = supportOnly().writeTo(dir);
        Map<String, String> properties = new HashMap<>(http.enabled());
        properties.putAll(Map.of("test.support", "support-secret", "test.sales", "sales-secret",
                "mailbridge.dataDir", dir.toString(), "mailbridge.reload.enabled", "true"));

        try (RunningMailbridge app = RunningMailbridge.start(accounts, dir, properties)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> sample(http.metrics(), "mailbridge_account_up", "support").orElse(0) == 1);

            supportOnly().account("sales", "sales@example.com", "{{test.sales}}", "to", "mock:sales").writeTo(dir);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    sample(http.metrics(), "mailbridge_messages_delivered_total", "sales").orElse(0) == 1
                            && check(http.json("/observe/health"), "account-sales")
                            .map(sales -> sales.path("status").asText().equals("UP")).orElse(false));

            supportOnly().writeTo(dir);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    sample(http.metrics(), "mailbridge_messages_delivered_total", "sales").isEmpty()
                            && check(http.json("/observe/health"), "account-sales").isEmpty());
        }
    }

    private AccountsFile supportOnly() {
        return new AccountsFile(server).account("support", "support@example.com", "{{test.support}}", "to",
                "mock:support");
    }
}
