package io.mailbridge.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LargeMessageSmallHeapTest {

    private static final String LOGIN = "big@example.com";
    private static final String PASSWORD = "big-secret";
    private static final int MIB = 1024 * 1024;
    /** G1 as in production, a heap that cannot hold the 25 MiB message, and an out-of-heap child that dies. */
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private ChildMailbridge child;

    @RegisterExtension
    final AfterTestExecutionCallback childOutputOnFailure = context -> context.getExecutionException()
            .filter(failure -> child != null)
            .ifPresent(failure -> System.out.println("child mailbridge output, last lines:\n" + child.logTail(150)));

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, PASSWORD);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        server.close();
    }

    @Test
    void three_1_mib_messages_and_a_25_mib_one_are_delivered_whole_with_a_64_mib_heap() throws Exception {
        List<Source> sources = new ArrayList<>();
        for (int size : new int[] {MIB, MIB, 25 * MIB, MIB}) {
            Source source = Source.of(sources.size(), size);
            sources.add(source.deliveredAs(server.deliver(LOGIN, source.raw())));
        }
        Path accounts = new AccountsFile(server)
                .account("big", LOGIN, "{{sys:test.password}}", "to", ChildMailbridge.DOWNSTREAM)
                .writeTo(dir);
        child = new ChildMailbridge(accounts, dir, Map.of("test.password", PASSWORD),
                "/faults/json-and-raw.camel.yaml", SMALL_HEAP);
        Path delivered = ChildMailbridge.deliveries(dir);

        child.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> !child.isAlive() || server.messageCount(LOGIN, "INBOX") < sources.size()
                        || server.unseenCount(LOGIN, "INBOX") == 0);

        assertThat(child.isAlive()).as("child alive (not out of heap)").isTrue();
        assertThat(server.messageCount(LOGIN, "INBOX")).as("messages in INBOX (none quarantined)")
                .isEqualTo(sources.size());
        ObjectMapper json = new ObjectMapper();
        for (Source source : sources) {
            JsonNode message = json.readTree(delivered.resolve(source.uid() + ".json").toFile());
            assertThat(message.get("account").asText()).isEqualTo("big");
            assertThat(message.get("uid").asLong()).isEqualTo(source.uid());
            assertThat(message.get("subject").asText()).isEqualTo(source.subject());
            assertThat(message.get("from").get("address").asText()).isEqualTo("alice@example.com");
            assertThat(message.get("text").asText()).isEqualTo(source.text());
            assertThat(message.get("size").asLong()).isEqualTo(source.raw().length);
            JsonNode attachments = message.get("attachments");
            assertThat(attachments).hasSize(1);
            assertThat(attachments.get(0).get("fileName").asText()).isEqualTo(source.fileName());
            assertThat(attachments.get(0).get("contentType").asText()).isEqualTo("application/octet-stream");
            assertThat(attachments.get(0).get("size").asLong()).isEqualTo(source.attachmentSize());
            assertThat(attachments.get(0).get("sha256").asText()).isEqualTo(source.attachmentSha256());
            assertThat(sha256(Files.readAllBytes(delivered.resolve(source.uid() + ".eml"))))
                    .as("SHA-256 of the raw MIME of uid %d", source.uid()).isEqualTo(sha256(source.raw()));
            assertThat(server.isSeen(LOGIN, "INBOX", source.uid())).as("uid %d seen", source.uid()).isTrue();
        }
        assertThat(child.logLinesContaining("java.lang.OutOfMemoryError")).as("out-of-heap errors").isZero();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A message delivered to the server: a short text and one attachment of random bytes, base64 encoded. */
    private record Source(long uid, String subject, String text, String fileName, int attachmentSize,
                          String attachmentSha256, byte[] raw) {

        static Source of(int index, int attachmentSize) throws Exception {
            byte[] attachment = new byte[attachmentSize];
            new Random(index).nextBytes(attachment);
            String subject = "Large message " + index;
            String text = "Attached: " + attachmentSize + " bytes.";
            String fileName = "blob-" + index + ".bin";
            ByteArrayOutputStream raw = new ByteArrayOutputStream(attachmentSize * 4 / 3 + 4096);
            raw.writeBytes(("""
                    From: Alice Example <alice@example.com>\r
                    To: big@example.com\r
                    Subject: %s\r
                    Date: Fri, 27 Nov 2026 10:15:30 +0000\r
                    Message-ID: <large-%d@test.example>\r
                    MIME-Version: 1.0\r
                    Content-Type: multipart/mixed; boundary="part-boundary"\r
                    \r
                    --part-boundary\r
                    Content-Type: text/plain; charset=UTF-8\r
                    \r
                    %s\r
                    --part-boundary\r
                    Content-Type: application/octet-stream; name="%s"\r
                    Content-Disposition: attachment; filename="%s"\r
                    Content-Transfer-Encoding: base64\r
                    \r
                    """).formatted(subject, index, text, fileName, fileName).getBytes(StandardCharsets.US_ASCII));
            raw.writeBytes(Base64.getMimeEncoder().encode(attachment));
            raw.writeBytes("\r\n--part-boundary--\r\n".getBytes(StandardCharsets.US_ASCII));
            return new Source(-1, subject, text, fileName, attachmentSize, sha256(attachment), raw.toByteArray());
        }

        Source deliveredAs(long serverUid) {
            return new Source(serverUid, subject, text, fileName, attachmentSize, attachmentSha256, raw);
        }
    }
}
