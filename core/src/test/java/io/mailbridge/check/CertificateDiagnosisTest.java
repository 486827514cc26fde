package io.mailbridge.check;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateDiagnosisTest {

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
    void an_expired_certificate_is_reported_with_its_expiry_date() throws Exception {
        Path expired = ca.issue("expired", "-400d", 30, "dns:localhost,ip:127.0.0.1");
        LocalDate expiry = LocalDate.now(ZoneOffset.UTC).minusDays(370);

        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(expired)).start()) {
            CheckRun run = CheckRun.json(trustingCa(server.port()));

            assertThat(run.exitCode()).as(run::out).isEqualTo(1);
            assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
            assertThat(run.explanation()).matches("TLS: certificate for 127\\.0\\.0\\.1 expired on ("
                    + expiry.minusDays(1) + "|" + expiry + "|" + expiry.plusDays(1)
                    + "); the server's administrator must renew it");
        }
    }

    @Test
    void a_certificate_for_another_host_name_says_which_names_it_is_for() throws Exception {
        Path other = ca.issue("other", null, 30, "dns:imap.example.com,dns:mail.example.com");

        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(other)).start()) {
            CheckRun run = CheckRun.json(trustingCa(server.port()));

            assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
            assertThat(run.explanation()).isEqualTo("TLS: certificate is for imap.example.com, mail.example.com,"
                    + " not 127.0.0.1; set host to a name the certificate lists");
        }
    }

    @Test
    void a_certificate_from_a_ca_missing_in_the_trust_store_is_not_trusted() throws Exception {
        Path foreign = ca.issue("foreign", null, 30, "ip:127.0.0.1");

        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(foreign)).start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "foreign", server.port())
                    .writeTo(dir));

            assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
            assertThat(run.explanation()).isEqualTo("TLS: certificate for 127.0.0.1 (issued by 'mailbridge test CA')"
                    + " is not trusted: trust store '" + LoopbackTls.trustStore() + "' does not hold the CA that"
                    + " issued it; add its CA with trustStore");
        }
    }

    @Test
    void a_certificate_expiring_soon_passes_with_a_warning_in_the_tls_step() throws Exception {
        Path soon = ca.issue("soon", null, 10, "ip:127.0.0.1");

        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(soon)).start()) {
            CheckRun run = CheckRun.json(trustingCa(server.port()));

            assertThat(run.exitCode()).as(run::out).isZero();
            assertThat(run.document().path("accounts").path(0).path("steps").path(2).path("detail").asText())
                    .contains("issued by mailbridge test CA").containsPattern("\\(expires in (9|10) days\\)");
        }
    }

    private Path trustingCa(int port) throws Exception {
        return new AccountsYaml().account("private", port, "trustStore", ca.trustStore().toString(),
                "trustStorePassword", TestCertificates.PASSWORD).writeTo(dir);
    }
}
