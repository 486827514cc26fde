package io.mailbridge.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.TestMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CheckAgainstGreenMailTest {

    private static final String LOGIN = "support@example.com";
    private static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, PASSWORD);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void a_working_account_passes_with_the_messages_and_unseen_messages_of_its_mailbox() throws Exception {
        deliverAndRead(3, 1);

        CheckRun run = CheckRun.table(imaps().writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isZero();
        assertThat(run.out()).containsPattern("support +OK +mailbox INBOX: 3 messages, 2 unseen +\\d+(\\.\\d)? m?s")
                .contains("1 of 1 account OK");
    }

    @Test
    void the_json_document_has_every_step_with_its_time_and_the_counts() throws Exception {
        deliverAndRead(2, 0);

        CheckRun run = CheckRun.json(imaps().writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isZero();
        JsonNode document = run.document();
        assertThat(document.path("ok").asBoolean()).isTrue();
        JsonNode account = document.path("accounts").path(0);
        assertThat(account.path("name").asText()).isEqualTo("support");
        assertThat(account.path("ok").asBoolean()).isTrue();
        assertThat(account.path("explanation").isNull()).isTrue();
        assertThat(account.path("messages").asInt()).isEqualTo(2);
        assertThat(account.path("unseen").asInt()).isEqualTo(2);
        List<String> steps = new ArrayList<>();
        for (JsonNode step : account.path("steps")) {
            assertThat(step.path("ok").asBoolean()).isTrue();
            assertThat(step.path("millis").isIntegralNumber()).isTrue();
            assertThat(step.path("detail").asText()).isNotBlank();
            steps.add(step.path("step").asText());
        }
        assertThat(steps).containsExactly("dns", "tcp", "tls", "greeting", "capabilities", "login", "select", "count");
        assertThat(account.path("steps").path(2).path("detail").asText())
                .contains("certificate for 127.0.0.1, localhost issued by localhost").contains("valid until");
    }

    @Test
    void a_wrong_password_is_reported_as_rejected_with_the_servers_words() throws Exception {
        CheckRun run = CheckRun.json(imaps("password", "not-the-password").writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isEqualTo(1);
        assertThat(run.failedStep()).as(run::out).isEqualTo("login");
        assertThat(run.explanation())
                .startsWith("authentication failed: the server rejected the username or password: ")
                .contains("Invalid login/password");
    }

    @Test
    void a_missing_mailbox_is_reported_with_the_mailboxes_the_account_has() throws Exception {
        server.createMailbox(LOGIN, "Support");
        server.createMailbox(LOGIN, "Archive");

        CheckRun run = CheckRun.table(imaps("mailbox", "Inbox/Support").writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isEqualTo(1);
        assertThat(run.out()).containsPattern("support +FAIL +failed at select mailbox")
                .contains("mailbox 'Inbox/Support' not found; this account has: ")
                .contains("INBOX").contains("Support").contains("Archive");
    }

    @Test
    void a_certificate_that_no_trusted_ca_issued_is_not_trusted() throws Exception {
        CheckRun run = CheckRun.json(imaps("trustStore", null, "trustStorePassword", null).writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isEqualTo(1);
        assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
        assertThat(run.explanation()).isEqualTo("TLS: certificate for 127.0.0.1 (issued by 'localhost', self-signed)"
                + " is not trusted: no CA this Java trusts issued it; if the server is yours, add its CA with"
                + " trustStore (a PKCS12 file) in the accounts file");
    }

    @Test
    void a_trust_store_that_cannot_be_opened_is_reported_by_the_tls_step() throws Exception {
        CheckRun run = CheckRun.json(imaps("trustStorePassword", "not-changeit").writeTo(dir));

        assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
        assertThat(run.explanation()).startsWith("TLS: cannot load trust store '" + server.trustStore() + "': ")
                .endsWith("; check trustStore and trustStorePassword");
    }

    @Test
    void an_imaps_account_on_a_plain_imap_port_is_told_the_port_does_not_speak_tls() throws Exception {
        CheckRun run = CheckRun.json(imaps("port", String.valueOf(server.imapPort())).writeTo(dir));

        assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
        assertThat(run.explanation()).startsWith("TLS: the server at 127.0.0.1:" + server.imapPort()
                + " does not speak TLS; with ssl: true the port must be an imaps port");
    }

    @Test
    void a_plain_server_without_starttls_is_refused_because_the_password_would_go_in_plain_text() throws Exception {
        CheckRun run = CheckRun.json(imaps("ssl", "false", "port", String.valueOf(server.imapPort()),
                "trustStore", null, "trustStorePassword", null).writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isEqualTo(1);
        assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
        assertThat(run.explanation()).startsWith("the server at 127.0.0.1:" + server.imapPort()
                + " offers no STARTTLS, so the password would go in plain text");
    }

    @Test
    void an_insecure_account_logs_in_without_starttls_and_says_so() throws Exception {
        CheckRun run = CheckRun.json(imaps("ssl", "false", "insecure", "true", "port", String.valueOf(server.imapPort()),
                "trustStore", null, "trustStorePassword", null).writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isZero();
        assertThat(run.document().path("accounts").path(0).path("steps").findValuesAsText("detail"))
                .contains("the server offers no STARTTLS: the password goes in plain text (insecure: true)");
    }

    private AccountsYaml imaps(String... fields) {
        List<String> all = new ArrayList<>(List.of("username", LOGIN, "password", PASSWORD,
                "trustStore", server.trustStore().toString(), "trustStorePassword", server.trustStorePassword()));
        all.addAll(Arrays.asList(fields));
        return new AccountsYaml().account("support", server.imapsPort(), all.toArray(String[]::new));
    }

    /** Delivers {@code count} messages to the INBOX and marks the first {@code read} of them seen, over IMAPS. */
    private void deliverAndRead(int count, int read) throws MessagingException, IOException, GeneralSecurityException {
        for (int i = 1; i <= count; i++) {
            server.deliver(LOGIN, TestMail.message("Message " + i));
        }
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.socketFactory", trustingServer().getSocketFactory());
        Store store = Session.getInstance(properties).getStore("imaps");
        store.connect(server.host(), server.imapsPort(), LOGIN, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (int i = 1; i <= read; i++) {
                inbox.getMessage(i).setFlag(Flags.Flag.SEEN, true);
            }
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    private SSLContext trustingServer() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.trustStore())) {
            trust.load(in, server.trustStorePassword().toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
