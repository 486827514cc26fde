package io.mailbridge.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Store;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Plain imap upgraded with STARTTLS: verified against the trust store, and spared by the watchdog once logged in. */
class StartTlsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    void a_connection_upgraded_with_starttls_logs_in_and_outlives_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(
                ImapScripts.conversation("IMAP4rev1 STARTTLS", null, TestTls.serverContext()));
             Store store = TestAccounts.imap("support", server.port()).session().getStore("imap")) {
            store.connect("127.0.0.1", server.port(), TestAccounts.USER, TestAccounts.PASSWORD);

            await().during(DEADLINE.plusSeconds(1)).atMost(DEADLINE.plusSeconds(3)).until(store::isConnected);

            assertThat(((DeadlineImapStore) store).isSSL()).isTrue();
        }
    }
}
