package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import io.mailbridge.imap.ImapSessionFactory;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The routes' diagnosis of a failed login connection, made through their own mail session, against the check's. */
class FailureDiagnosisTest {

    @TempDir
    static Path caDir;

    private static TestCertificates ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCa() throws Exception {
        ca = TestCertificates.newCa(caDir);
    }

    @Test
    void a_refused_connection_is_explained_as_the_check_explains_it() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path accounts = new AccountsYaml().account("closed", closedPort).writeTo(dir);

        assertThat(routeDiagnosis(accounts)).startsWith("connection refused by 127.0.0.1:" + closedPort)
                .isEqualTo(CheckRun.json(accounts).explanation());
    }

    @Test
    void an_unknown_host_is_explained_as_not_found_in_dns() throws Exception {
        Path accounts = new AccountsYaml().account("lost", 993, "host", "nonexistent.invalid").writeTo(dir);

        assertThat(routeDiagnosis(accounts)).startsWith("DNS: host 'nonexistent.invalid' not found")
                .isEqualTo(CheckRun.json(accounts).explanation());
    }

    @Test
    void a_certificate_from_a_ca_missing_in_the_trust_store_is_explained_with_the_trust_store() throws Exception {
        Path foreign = ca.issue("foreign", null, 30, "ip:127.0.0.1");
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(foreign)).start()) {
            Path accounts = LoopbackTls.trusting(new AccountsYaml(), "foreign", server.port()).writeTo(dir);

            // the routes do not keep the chain the server presented, so they cannot name its issuer
            assertThat(routeDiagnosis(accounts)).isEqualTo(CheckRun.json(accounts).explanation()
                    .replace(" (issued by 'mailbridge test CA')", ""));
        }
    }

    @Test
    void a_self_signed_certificate_without_a_trust_store_says_to_add_its_ca_with_trust_store() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .start()) {
            Path accounts = new AccountsYaml().account("private", server.port()).writeTo(dir);

            assertThat(routeDiagnosis(accounts)).isEqualTo("TLS: certificate for 127.0.0.1 is not trusted: no CA this"
                    + " Java trusts issued it; if the server is yours, add its CA with trustStore (a PKCS12 file) in"
                    + " the accounts file");
        }
    }

    @Test
    void a_bye_instead_of_a_greeting_is_explained_as_the_check_explains_it() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting("* BYE [UNAVAILABLE] Server is shutting down").start()) {
            Path accounts = LoopbackTls.trusting(new AccountsYaml(), "bye", server.port()).writeTo(dir);

            assertThat(routeDiagnosis(accounts)).isEqualTo("the server at 127.0.0.1:" + server.port()
                    + " refused the connection: [UNAVAILABLE] Server is shutting down")
                    .isEqualTo(CheckRun.json(accounts).explanation());
        }
    }

    @Test
    void a_server_that_does_not_speak_imap_is_explained_as_the_check_explains_it() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting("220 smtp.example.com ESMTP ready").start()) {
            Path accounts = LoopbackTls.trusting(new AccountsYaml(), "smtp", server.port()).writeTo(dir);

            assertThat(routeDiagnosis(accounts)).contains("does not speak IMAP")
                    .isEqualTo(CheckRun.json(accounts).explanation());
        }
    }

    @Test
    void a_plain_port_for_an_ssl_account_is_explained_as_the_check_explains_it() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.plain().start()) {
            Path accounts = LoopbackTls.trusting(new AccountsYaml(), "plain", server.port()).writeTo(dir);

            assertThat(routeDiagnosis(accounts)).contains("does not speak TLS")
                    .isEqualTo(CheckRun.json(accounts).explanation());
        }
    }

    @Test
    void a_server_that_never_answers_is_explained_with_the_authentication_timeout() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.plain().silent().start()) {
            Path accounts = new AccountsYaml().account("mute", server.port(), "ssl", "false",
                    "authenticationTimeout", "0.5").writeTo(dir);

            assertThat(routeDiagnosis(accounts)).isEqualTo("authentication timed out after 500 ms"
                    + " (authenticationTimeout): the server did not finish the login in time");
        }
    }

    /** Logs in as the account's route does, and diagnoses why that failed. */
    private static String routeDiagnosis(Path accountsFile) {
        Account account = new AccountsLoader(text -> text).load(accountsFile).get(0);
        char[] trustStorePassword = account.trustStorePassword().map(secret -> secret.reveal().toCharArray())
                .orElse(null);
        try {
            Store store = ImapSessionFactory.create(account, trustStorePassword).getStore(account.scheme());
            store.connect(account.host(), account.port(), account.username(), account.password().reveal());
            store.close();
        } catch (MessagingException e) {
            return FailureDiagnosis.of(account, e);
        }
        return fail("the login to " + account.host() + ":" + account.port() + " worked");
    }
}
