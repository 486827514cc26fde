package io.mailbridge.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Servers that never get a connection to the authenticated state make it fail at the account's deadline. */
class AuthenticationTimeoutTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final String TIMED_OUT = "account 'slow': authentication timed out after 2 s";

    @Test
    void an_imaps_connection_whose_tls_handshake_stalls_times_out_at_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(ImapScripts.silent())) {
            assertTimedOut(Connecting.fails(TestAccounts.imaps("slow", server.port())));
        }
    }

    @Test
    void an_imap_connection_whose_greeting_stalls_times_out_at_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(ImapScripts.silent())) {
            assertTimedOut(Connecting.fails(TestAccounts.imap("slow", server.port())));
        }
    }

    @Test
    void a_greeting_dripping_one_byte_every_300_ms_still_times_out_at_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(ImapScripts.drippingGreeting(Duration.ofMillis(300)))) {
            assertTimedOut(Connecting.fails(TestAccounts.imap("slow", server.port())));
        }
    }

    @Test
    void a_server_that_stalls_after_the_login_command_times_out_at_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(ImapScripts.conversation("IMAP4rev1", "LOGIN", null))) {
            assertTimedOut(Connecting.fails(TestAccounts.imap("slow", server.port()).insecure()));
        }
    }

    @Test
    void an_imaps_server_that_stalls_after_the_login_command_times_out_at_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.serverContext(),
                ImapScripts.conversation("IMAP4rev1", "LOGIN", null))) {
            assertTimedOut(Connecting.fails(TestAccounts.imaps("slow", server.port())));
        }
    }

    @Test
    void a_server_that_stalls_the_starttls_handshake_times_out_at_the_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(
                ImapScripts.conversation("IMAP4rev1 STARTTLS", "STARTTLS", null))) {
            assertTimedOut(Connecting.fails(TestAccounts.imap("slow", server.port())));
        }
    }

    @Test
    void a_connection_the_store_opens_later_gets_the_same_deadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(ImapScripts.firstThen(
                ImapScripts.conversation("IMAP4rev1", null, null),
                ImapScripts.conversation("IMAP4rev1", "LOGIN", null)));
             Store store = TestAccounts.imap("slow", server.port()).insecure().session().getStore("imap")) {
            store.connect("127.0.0.1", server.port(), TestAccounts.USER, TestAccounts.PASSWORD);
            store.getFolder("INBOX").open(Folder.READ_WRITE);

            long start = System.nanoTime();
            boolean connected = store.isConnected();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("the store's own connection gave up after %d ms%n", elapsed.toMillis());

            assertThat(connected).isFalse();
            assertThat(elapsed).isBetween(DEADLINE, DEADLINE.plusSeconds(1));
        }
    }

    private static void assertTimedOut(Connecting attempt) {
        assertThat(attempt.error())
                .isInstanceOf(AuthenticationTimeoutException.class)
                .isNotInstanceOf(AuthenticationFailedException.class)
                .hasMessage(TIMED_OUT)
                .hasCauseInstanceOf(Exception.class);
        assertThat(attempt.elapsed()).isBetween(DEADLINE, DEADLINE.plusSeconds(1));
    }
}
