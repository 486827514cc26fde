package io.mailbridge.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real IMAPS server: verified TLS, and a watchdog that leaves authenticated connections alone. */
class ImapsAgainstGreenMailTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    static {
        // GreenMail reads its TLS key once per JVM from these properties, so they are set before it starts
        System.setProperty("greenmail.tls.keystore.file", TestTls.keyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestTls.PASSWORD);
    }

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.IMAPS.dynamicPort());

    private int port;

    @BeforeEach
    void deliverOneMessage() throws Exception {
        GreenMailUser user = GREEN_MAIL.setUser("support@localhost", TestAccounts.USER, TestAccounts.PASSWORD);
        user.deliver(GreenMailUtil.createTextEmail(
                "support@localhost", "alice@localhost", "hello", "body", GREEN_MAIL.getImaps().getServerSetup()));
        port = GREEN_MAIL.getImaps().getPort();
    }

    @Test
    void an_authenticated_connection_stays_usable_after_the_deadline_has_passed() throws Exception {
        Session session = TestAccounts.imaps("support", port).session();

        try (Store store = session.getStore("imaps")) {
            store.connect("127.0.0.1", port, TestAccounts.USER, TestAccounts.PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);

            await().during(DEADLINE.plusSeconds(1)).atMost(DEADLINE.plusSeconds(3)).until(store::isConnected);

            assertThat(inbox.isOpen()).isTrue();
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("hello");
        }
    }

    @Test
    void without_a_trust_store_the_servers_self_signed_certificate_is_rejected() throws Exception {
        Connecting attempt = Connecting.fails(TestAccounts.imaps("support", port).withoutTrustStore());

        assertThat(attempt.error()).isNotInstanceOf(AuthenticationTimeoutException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("unable to find valid certification path");
    }

    @Test
    void a_wrong_password_is_an_authentication_failure_not_a_timeout() throws Exception {
        Session session = TestAccounts.imaps("support", port).session();
        Store store = session.getStore("imaps");

        Throwable error = catchThrowable(() -> store.connect("127.0.0.1", port, TestAccounts.USER, "wrong"));

        assertThat(error).isInstanceOf(AuthenticationFailedException.class);
    }
}
