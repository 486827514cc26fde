package io.mailbridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RoutesDirectoryTest {

    private static final Path ROUTES = Path.of("..", "routes");

    @TempDir
    Path dir;

    @Test
    void the_shipped_accounts_file_is_valid() {
        List<Account> accounts = new AccountsLoader(text -> "placeholder-value").load(ROUTES.resolve("accounts.yaml"));

        assertThat(accounts).extracting(Account::name).containsExactly("support");
    }

    @Test
    void every_route_file_boots_and_the_default_pipeline_writes_one_json_file_per_message() throws Exception {
        Path out = dir.resolve("out");
        try (LoopbackMailServer server = LoopbackMailServer.start()) {
            server.addUser("support@example.com", "secret");
            long uid = server.deliver("support@example.com", message("Hello"));
            long uidValidity = server.uidValidity("support@example.com", "INBOX");
            Path accounts = new AccountsFile(server).account("support", "support@example.com", "{{test.pw}}")
                    .writeTo(dir);

            try (RunningMailbridge app = RunningMailbridge.start(accounts, ROUTES, Map.of("test.pw", "secret",
                    "mailbridge.outDir", out.toString(), "mailbridge.dataDir", dir.resolve("data").toString()))) {
                assertThat(app.camel().getRoutes()).extracting(Route::getRouteId)
                        .containsAll(routeIdsOf(ROUTES)).contains("mail-support");

                Path json = out.resolve("support").resolve(uidValidity + "-" + uid + ".json");
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(json));
                await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen("support@example.com", "INBOX", uid));

                JsonNode message = new ObjectMapper().readTree(json.toFile());
                assertThat(fieldNames(message)).containsExactly("account", "mailbox", "uid", "uidValidity",
                        "messageId", "subject", "from", "to", "cc", "replyTo", "date", "receivedAt", "size", "text",
                        "html", "attachments");
                assertThat(message.get("account").asText()).isEqualTo("support");
                assertThat(message.get("mailbox").asText()).isEqualTo("INBOX");
                assertThat(message.get("uid").asLong()).isEqualTo(uid);
                assertThat(message.get("uidValidity").asLong()).isEqualTo(uidValidity);
                assertThat(message.get("messageId").asText()).isEqualTo("<hello@test.example>");
                assertThat(message.get("subject").asText()).isEqualTo("Hello");
                assertThat(message.get("from").toString())
                        .isEqualTo("{\"name\":\"Alice Example\",\"address\":\"alice@example.com\"}");
                assertThat(message.get("to").toString())
                        .isEqualTo("[{\"name\":null,\"address\":\"support@example.com\"}]");
                assertThat(message.get("cc").toString()).isEqualTo("[]");
                assertThat(message.get("replyTo").toString()).isEqualTo("[]");
                assertThat(message.get("date").asText()).isEqualTo("2026-11-27T10:15:30Z");
                assertThat(Instant.parse(message.get("receivedAt").asText())).isBefore(Instant.now().plusSeconds(1));
                assertThat(message.get("size").asLong()).isEqualTo(message("Hello").length);
                assertThat(message.get("text").asText()).startsWith("Body of: Hello");
                assertThat(message.get("html").isNull()).isTrue();
                assertThat(message.get("attachments").toString()).isEqualTo("[]");
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> routeIdsOf(Path routes) throws IOException {
        try (Stream<Path> files = Files.list(routes)) {
            return files.filter(file -> file.toString().endsWith(".camel.yaml"))
                    .flatMap(RoutesDirectoryTest::idsIn).toList();
        }
    }

    private static Stream<String> idsIn(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(line -> line.startsWith("id: "))
                    .map(line -> line.substring(4).trim());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
