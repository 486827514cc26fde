package io.mailbridge.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailbridge.account.Account;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStoreException;
import java.time.Duration;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session built for an account carries every connection setting for the account's scheme. */
class ImapSessionFactoryTest {

    @Test
    void an_imaps_session_sets_the_timeouts_and_verified_tls_for_imaps() {
        Session session = TestAccounts.imaps("support", 993).session();

        assertThat(session.getProperty("mail.imaps.connectiontimeout")).isEqualTo("7000");
        assertThat(session.getProperty("mail.imaps.timeout")).isEqualTo("60000");
        assertThat(session.getProperty("mail.imaps.writetimeout")).isEqualTo("60000");
        assertThat(session.getProperty("mail.imaps.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(session.getProperty("mail.imaps.socketFactory.fallback")).isEqualTo("false");
        assertThat(session.getProperty("mail.imaps.partialfetch")).isEqualTo("false");
        assertThat(session.getProperty("mail.imaps.ssl.trust")).isNull();
        assertThat(session.getProperties().get("mail.imaps.ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class);
        assertThat(session.getProperty("mail.imaps.mailbridge.account")).isEqualTo("support");
        assertThat(session.getProperty("mail.imaps.mailbridge.authenticationtimeout")).isEqualTo("2000");
    }

    @Test
    void a_plain_imap_session_requires_starttls() {
        Session session = TestAccounts.imap("support", 143).session();

        assertThat(session.getProperty("mail.imap.starttls.enable")).isEqualTo("true");
        assertThat(session.getProperty("mail.imap.starttls.required")).isEqualTo("true");
        assertThat(session.getProperties().get("mail.imap.socketFactory")).isInstanceOf(SocketFactory.class);
        assertThat(session.getProperty("mail.imap.connectiontimeout")).isEqualTo("7000");
    }

    @Test
    void an_insecure_plain_imap_session_allows_a_login_without_starttls() {
        Session session = TestAccounts.imap("support", 143).insecure().session();

        assertThat(session.getProperty("mail.imap.starttls.required")).isEqualTo("false");
    }

    @Test
    void the_session_opens_the_deadline_store_for_the_scheme_of_the_account() throws Exception {
        assertThat(TestAccounts.imaps("support", 993).session().getStore("imaps"))
                .isInstanceOf(DeadlineImapStore.class);
        assertThat(TestAccounts.imap("support", 143).session().getStore("imap"))
                .isInstanceOf(DeadlineImapStore.class);
    }

    @Test
    void a_refused_connection_fails_fast_and_is_not_a_timeout() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        Connecting attempt = Connecting.fails(TestAccounts.imaps("support", closedPort));

        assertThat(attempt.error()).isNotInstanceOf(AuthenticationTimeoutException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(attempt.elapsed()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void plain_imap_refuses_to_log_in_when_the_server_offers_no_starttls() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(ImapScripts.conversation("IMAP4rev1", "LOGIN", null))) {
            Connecting attempt = Connecting.fails(TestAccounts.imap("support", server.port()));

            assertThat(attempt.error()).isNotInstanceOf(AuthenticationTimeoutException.class)
                    .hasMessageContaining("STARTTLS required");
            assertThat(attempt.elapsed()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void an_unreadable_trust_store_is_reported_with_the_account_and_the_path(@TempDir Path dir) throws IOException {
        Path notAStore = Files.writeString(dir.resolve("trust.p12"), "not a key store");
        Account broken = TestAccounts.imaps("support", 993).trustStore(notAStore).build();

        assertThatThrownBy(() -> ImapSessionFactory.create(broken, TestTls.password()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account 'support': cannot load trust store '" + notAStore + "'")
                .hasCauseInstanceOf(KeyStoreException.class);
    }
}
