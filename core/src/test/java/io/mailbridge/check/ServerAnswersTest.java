package io.mailbridge.check;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the check says when a server, scripted to answer as Gmail or Microsoft do, refuses a login or a connection. */
class ServerAnswersTest {

    private static final String OUTLOOK_GREETING = "* OK The Microsoft Exchange IMAP4 service is ready."
            + " [TQBBADIAUABSADAAMQBDAEEAMAAwADAANgAuAGUAdQByAHAAcgBkADAAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Gmail, a normal password      | NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure) | authentication failed: Gmail rejected the password — use an app password (Google Account → Security → 2-Step Verification → App passwords); a normal account password no longer works
            Gmail, invalid credentials    | NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)                                                          | authentication failed: Gmail rejected the password — use an app password (Google Account → Security → 2-Step Verification → App passwords); a normal account password no longer works. The configured password does not have the form of an app password (16 letters)
            Gmail, too many connections   | NO [ALERT] Too many simultaneous connections. (Failure)                                                         | too many simultaneous connections (Gmail allows about 15 per account): close other mail clients or mailbridge instances using this account
            Gmail, IMAP turned off        | NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure) | IMAP is turned off for this Gmail account: enable IMAP in Gmail settings → Forwarding and POP/IMAP
            Gmail, web login required     | NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)  | Gmail wants this account to sign in with a web browser first (a security check): sign in at https://mail.google.com
            Gmail, web alert              | NO [WEBALERT https://accounts.google.com/ContinueSignIn?sarp=1] Web login required.                              | Gmail wants this account to sign in with a web browser first
            Gmail, over bandwidth         | NO [ALERT] Account exceeded command or bandwidth limits. (Failure)                                              | Gmail has suspended IMAP for this account for exceeding its download limit
            another server, wrong password | NO [AUTHENTICATIONFAILED] Authentication failed.                                                               | authentication failed: the server rejected the username or password: [AUTHENTICATIONFAILED] Authentication failed.
            another server, unavailable   | NO [UNAVAILABLE] Temporary authentication failure                                                               | the server cannot log anyone in right now; try again later: [UNAVAILABLE] Temporary authentication failure
            another server, expired       | NO [EXPIRED] Password expired                                                                                    | authentication failed: the password has expired; set a new one: [EXPIRED] Password expired
            """)
    void a_refused_login_is_explained(String situation, String answer, String explanation) throws Exception {
        String greeting = situation.startsWith("Gmail") ? ScriptedImapServer.GMAIL_GREETING : "* OK Dovecot ready.";
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting(greeting).loginAnswer(answer).start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "refused", server.port()).writeTo(dir));

            assertThat(run.exitCode()).as(run::out).isEqualTo(1);
            assertThat(run.failedStep()).as(run::out).isEqualTo("login");
            assertThat(run.explanation()).startsWith(explanation);
        }
    }

    @Test
    void a_google_app_password_written_with_spaces_is_recognised_as_one() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .loginAnswer("NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)").start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "gmail", server.port(),
                    "password", "abcd efgh ijkl mnop").writeTo(dir));

            assertThat(run.explanation()).contains("If it is one, it may have been revoked");
        }
    }

    @Test
    void microsoft_365_refusing_a_password_is_explained_as_basic_authentication_being_off() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting(OUTLOOK_GREETING).capabilities("IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS ID")
                .loginAnswer("NO AUTHENTICATE failed.").start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "office", server.port()).writeTo(dir));

            assertThat(run.explanation()).isEqualTo("authentication failed: Microsoft 365 and Outlook.com no longer"
                    + " accept passwords over IMAP (basic authentication is off; for personal accounts since September"
                    + " 2024): use auth: oauth2 (README: OAuth2); the server said: AUTHENTICATE failed.");
        }
    }

    @Test
    void a_greeting_that_turns_the_connection_away_is_explained() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting("* BYE [ALERT] Too many simultaneous connections. (Failure)").start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "crowded", server.port()).writeTo(dir));

            assertThat(run.failedStep()).as(run::out).isEqualTo("greeting");
            assertThat(run.explanation()).startsWith("too many simultaneous connections (Gmail allows about 15 per"
                    + " account)");
        }
    }

    @Test
    void a_server_that_is_not_imap_is_told_apart_by_its_greeting() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting("220 smtp.example.com ESMTP ready").start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "smtp", server.port()).writeTo(dir));

            assertThat(run.explanation()).isEqualTo("the server at 127.0.0.1:" + server.port() + " does not speak IMAP"
                    + " (it answered '220 smtp.example.com ESMTP ready'); check host and port");
        }
    }

    @Test
    void a_plain_account_upgrades_with_starttls_and_passes() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.plain().greeting("* OK Dovecot ready.")
                .capabilities("IMAP4rev1 AUTH=PLAIN")
                .startTls(TestCertificates.serverContext(LoopbackTls.keyStore())).start()) {
            CheckRun run = CheckRun.table(LoopbackTls.trusting(new AccountsYaml(), "starttls", server.port(),
                    "ssl", "false").writeTo(dir));

            assertThat(run.exitCode()).as(run::out).isZero();
            assertThat(run.out()).containsPattern("starttls +OK +mailbox INBOX: 3 messages, 2 unseen");
        }
    }
}
