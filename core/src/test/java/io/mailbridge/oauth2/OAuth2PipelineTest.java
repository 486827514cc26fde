package io.mailbridge.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailbridge.support.AuthorizationServer;
import io.mailbridge.support.OAuth2AccountsFile;
import io.mailbridge.support.OAuth2Dovecot;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.mailbridge.support.OAuth2AccountsFile.google;
import static io.mailbridge.support.OAuth2AccountsFile.microsoft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OAuth2PipelineTest {

    private static final String ALICE = "alice@example.com";
    private static final String SHARED = "helpdesk@example.com";

    @TempDir
    Path dir;

    private AuthorizationServer authorization;
    private OAuth2Dovecot dovecot;

    @BeforeEach
    void start() {
        authorization = AuthorizationServer.start();
        dovecot = OAuth2Dovecot.start(authorization.introspectionUrl());
    }

    @AfterEach
    void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
        authorization.close();
    }

    @Test
    void mail_of_a_google_and_a_microsoft_account_flows_through_xoauth2_logins_and_is_flagged_seen() throws Exception {
        authorization.client("google-client", "google-secret").client("entra-app", "entra-secret")
                .appMailbox("entra-app", SHARED);
        String refreshToken = authorization.refreshToken("google-client", ALICE);
        dovecot.deliver(ALICE, TestMail.message("Order 1001 shipped"));
        dovecot.deliver(ALICE, TestMail.message("Order 1002 delayed"));
        dovecot.deliver(SHARED, TestMail.message("Printer on fire"));
        Path accounts = new OAuth2AccountsFile(dovecot)
                .account("gmail", ALICE, google("google-client", "{{test.google.secret}}", "{{test.google.refresh}}",
                        authorization.tokenUrl()))
                .account("m365", SHARED, microsoft("entra-app", "{{test.entra.secret}}", "contoso.onmicrosoft.com",
                        authorization.tokenUrl()))
                .writeTo(dir);
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(Path.of("..", "routes", "mail-to-json.camel.yaml"), routes.resolve("mail-to-json.camel.yaml"));
        Path out = dir.resolve("out");

        try (RunningMailbridge app = RunningMailbridge.start(accounts, routes, Map.of(
                "test.google.secret", "google-secret", "test.google.refresh", refreshToken,
                "test.entra.secret", "entra-secret", "mailbridge.outDir", out.toString(),
                "mailbridge.dataDir", dir.resolve("data").toString()))) {
            await("JSON of all three messages").atMost(Duration.ofSeconds(30))
                    .until(() -> json(out.resolve("gmail")).size() == 2 && json(out.resolve("m365")).size() == 1);
            await("all three flagged seen on the server").atMost(Duration.ofSeconds(10))
                    .until(() -> dovecot.seenCount(ALICE) == 2 && dovecot.seenCount(SHARED) == 1);
        }

        assertThat(json(out.resolve("gmail"))).extracting(node -> node.path("subject").asText())
                .containsExactlyInAnyOrder("Order 1001 shipped", "Order 1002 delayed");
        JsonNode shared = json(out.resolve("m365")).get(0);
        assertThat(shared.path("account").asText()).isEqualTo("m365");
        assertThat(shared.path("mailbox").asText()).isEqualTo("INBOX");
        assertThat(shared.path("subject").asText()).isEqualTo("Printer on fire");
        assertThat(shared.path("from").path("address").asText()).isEqualTo("alice@example.com");
        assertThat(shared.path("text").asText()).contains("Body of: Printer on fire");
        assertThat(authorization.introspected()).as("every login's token was checked by Dovecot").isNotEmpty()
                .allMatch(authorization.issued()::contains);
    }

    private static List<JsonNode> json(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".json")).map(file -> {
                try {
                    return mapper.readTree(file.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
