package io.mailbridge.secret;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SecretsStaySecretTest {

    private static final String CANARY = "Cn4ry&+%= x!RAW(z)";
    private static final String LITERAL_CANARY = "L1teral&+%=pw";

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
    void a_password_from_a_secret_file_never_shows_in_logs_json_jmx_or_endpoint_uris() throws Exception {
        server.addUser("support@example.com", CANARY);
        server.addUser("literal@example.com", LITERAL_CANARY);
        server.addUser("wrong@example.com", "the-right-one");
        long uid = server.deliver("support@example.com", message("Secret test"));
        server.deliver("literal@example.com", message("Literal test"));
        Path secretFile = Files.writeString(dir.resolve("support-password"), CANARY + "\n");
        Path accounts = new AccountsFile(server)
                .account("support", "support@example.com", "{{file:" + secretFile + "}}")
                .account("literal", "literal@example.com", LITERAL_CANARY)
                .account("wrong", "wrong@example.com", "{{sys:mailbridge.test.wrong}}")
                .writeTo(dir);
        System.setProperty("mailbridge.test.wrong", CANARY + "-wrong");
        Path out = dir.resolve("out");
        Logger ours = (Logger) LoggerFactory.getLogger("io.mailbridge");
        Logger mail = (Logger) LoggerFactory.getLogger("org.apache.camel.component.mail");
        ours.setLevel(Level.DEBUG);
        mail.setLevel(Level.DEBUG);

        try (LogCapture logs = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, Path.of("..", "routes"), Map.of(
                     "mailbridge.outDir", out.toString(), "mailbridge.dataDir", dir.resolve("data").toString(),
                     // the account routes' own MBeans too, which are left out of JMX by default
                     "camel.main.jmxManagementRegisterRoutesCreateByTemplate", "true"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.isSeen("support@example.com", "INBOX", uid)
                    && server.unseenCount("literal@example.com", "INBOX") == 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.text().contains("account 'wrong' is DOWN"));

            List<String> seen = new ArrayList<>(logs.lines());
            seen.addAll(jsonFiles(out));
            seen.addAll(jmxAttributes());
            for (Endpoint endpoint : app.camel().getEndpoints()) {
                seen.add(endpoint.getEndpointUri());
                seen.add(endpoint.toString());
            }
            for (Route route : app.camel().getRoutes()) {
                seen.add(route.getEndpoint().getEndpointUri());
                seen.add(String.valueOf(route.getProperties()));
            }

            assertThat(seen).hasSizeGreaterThan(100);
            assertThat(seen).noneMatch(text -> text.contains("Cn4ry") || text.contains("L1teral")
                    || text.contains("Cn4ry%26") || text.contains("L1teral%26"));
        } finally {
            ours.setLevel(null);
            mail.setLevel(null);
            System.clearProperty("mailbridge.test.wrong");
        }
    }

    private static List<String> jsonFiles(Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            List<String> contents = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(Files.readString(file));
            }
            assertThat(contents).hasSize(2);
            return contents;
        }
    }

    private static List<String> jmxAttributes() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        List<String> values = new ArrayList<>();
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:*"), null)) {
            values.add(name.toString());
            for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                if (attribute.isReadable()) {
                    try {
                        values.add(String.valueOf(mbeans.getAttribute(name, attribute.getName())));
                    } catch (Exception | LinkageError e) {
                        values.add(String.valueOf(e.getMessage()));
                    }
                }
            }
        }
        assertThat(values).as("camel MBeans").isNotEmpty();
        return values;
    }
}
