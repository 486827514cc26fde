package io.mailbridge.actions;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.SpecialUseDovecot;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An account's {@code filter}: only matching mail is delivered; the rest is never touched and blocks nothing. */
class FilterTest {

    private static final String LOGIN = "support@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void only_mail_matching_from_and_subject_is_delivered_and_the_rest_is_left_untouched() throws Exception {
        long newsletter = server.deliver(LOGIN, mail("news@example.com", "Weekly news"));
        long invoice = server.deliver(LOGIN, mail("Billing <billing@example.com>", "Invoice 42"));
        long reminder = server.deliver(LOGIN, mail("billing@example.com", "Payment reminder"));
        long otherInvoice = server.deliver(LOGIN, mail("someone@example.org", "Invoice from elsewhere"));

        try (RunningMailbridge app = start("{from: billing@example.com, subject: invoice}", "move:Billing")) {
            MockEndpoint delivered = app.camel().getEndpoint("mock:delivered", MockEndpoint.class);
            delivered.expectedHeaderValuesReceivedInAnyOrder("MailUid", invoice);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "Billing") == 1);

            long late = server.deliver(LOGIN, mail("billing@example.com", "Invoice 43"));
            delivered.reset();
            delivered.expectedHeaderValuesReceivedInAnyOrder("MailUid", late);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.messageCount(LOGIN, "Billing") == 2);

            assertThat(server.messageCount(LOGIN, "INBOX")).isEqualTo(3);
            for (long untouched : new long[] {newsletter, reminder, otherInvoice}) {
                assertThat(server.flags(LOGIN, "INBOX", untouched)).isEmpty();
            }
        }
    }

    @Test
    void mail_that_does_not_match_does_not_hold_back_the_mail_after_it() throws Exception {
        for (int i = 0; i < 30; i++) {
            server.deliver(LOGIN, mail("news@example.com", "Not for us " + i));
        }
        long wanted = server.deliver(LOGIN, mail("alerts@example.com", "Disk full"));

        try (RunningMailbridge app = start("{from: alerts@example.com}", null)) {
            MockEndpoint delivered = app.camel().getEndpoint("mock:delivered", MockEndpoint.class);
            delivered.expectedHeaderValuesReceivedInAnyOrder("MailUid", wanted);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(LOGIN, "INBOX", wanted));
            assertThat(server.unseenCount(LOGIN, "INBOX")).isEqualTo(30);
        }
    }

    @Test
    void texts_with_spaces_and_umlauts_reach_a_real_server_as_imap_strings() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start()) {
            dovecot.append("INBOX", mail("Rechnungen <rechnung@lieferant.example>", "Ihre Rechnung Nr. 7"));
            long wanted = dovecot.append("INBOX", mail("Buchhaltung <rechnung@lieferant.example>",
                    "Mahnung: Ihre Rechnung über 12 €"));
            dovecot.append("INBOX", mail("news@lieferant.example", "Rechnung über nichts"));
            Path accounts = Files.writeString(dir.resolve("accounts.yaml"), "accounts:\n" + dovecot.account("support",
                    "to", "mock:delivered", "filter", "{from: 'rechnung@lieferant', subject: 'Rechnung über'}"));

            try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                    Map.of("mailbridge.dataDir", dir.resolve("data").toString()))) {
                MockEndpoint delivered = app.camel().getEndpoint("mock:delivered", MockEndpoint.class);
                delivered.expectedHeaderValuesReceivedInAnyOrder("MailUid", wanted);
                MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.flags("INBOX", wanted).contains("\\Seen"));
                assertThat(dovecot.flags("INBOX", 1)).isEmpty();
                assertThat(dovecot.flags("INBOX", 3)).isEmpty();
            }
        }
    }

    private RunningMailbridge start(String filter, String onSuccess) throws Exception {
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.pw}}", "to", "mock:delivered",
                "filter", filter, "onSuccess", onSuccess).writeTo(dir);
        return RunningMailbridge.start(accounts, dir, Map.of("test.pw", "secret",
                "mailbridge.dataDir", dir.resolve("data").toString()));
    }

    private static String encoded(String subject) {
        try {
            return jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "Q");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mail(String from, String subject) {
        return ("From: " + from + "\r\nTo: support@example.com\r\nSubject: " + encoded(subject)
                + "\r\nDate: Fri, 27 Nov 2026 10:15:30 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nBody of " + subject + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
