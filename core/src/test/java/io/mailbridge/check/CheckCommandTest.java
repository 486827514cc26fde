package io.mailbridge.check;

import io.mailbridge.cli.CommandLine;
import io.mailbridge.demo.LoopbackMailServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    /** Quotes, a backslash, a space, YAML and URI specials: whatever escaping might print, it must not. */
    private static final String CANARY = "c@n'ary\"%&+ =\\:{}#pw-7Q";
    private static final String CANARY_PROPERTY = "mailbridge.test.check.canary";
    private static final String LOGIN = "support@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, CANARY);
    }

    @AfterEach
    void stopServer() {
        server.close();
        System.clearProperty(CANARY_PROPERTY);
    }

    @Test
    void every_account_passing_exits_with_0() throws Exception {
        CheckRun run = CheckRun.table(accounts("password", CANARY));

        assertThat(run.exitCode()).as(run::out).isZero();
    }

    @Test
    void one_account_failing_exits_with_1_and_the_table_explains_it_under_its_row() throws Exception {
        Path file = new AccountsYaml()
                .account("support", server.imapsPort(), trusted("username", LOGIN, "password", CANARY))
                .account("sales", server.imapsPort(), trusted("username", LOGIN, "password", "wrong"))
                .writeTo(dir);

        CheckRun run = CheckRun.table(file);

        assertThat(run.exitCode()).as(run::out).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("ACCOUNT +STATUS +RESULT +TIME");
        assertThat(lines.get(1)).matches("support +OK +mailbox INBOX: 0 messages, 0 unseen +\\S+ m?s");
        assertThat(lines.get(2)).matches("sales +FAIL +failed at login +\\S+ m?s");
        assertThat(lines.get(3)).startsWith("    authentication failed: the server rejected the username or password");
        assertThat(lines).contains("1 of 2 accounts OK");
    }

    @Test
    void an_invalid_accounts_file_exits_with_2_and_the_errors_run_gives() throws Exception {
        Path file = Files.writeString(dir.resolve("accounts.yaml"), """
                accounts:
                  - name: sales
                    username: sales@example.com
                    password: "{{env:MAILBRIDGE_TEST_UNSET_VARIABLE}}"
                    connectionTimeout: -3
                    sll: false
                """);

        CheckRun run = CheckRun.table(file);

        assertThat(run.exitCode()).as(run::out).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(file + " has 3 errors:")
                .contains(file + ": account 'sales': connectionTimeout must be a positive number of seconds (at most 86400), was -3")
                .contains(file + ": account 'sales': unknown field 'sll'; did you mean 'ssl'?")
                .contains(file + ": account 'sales': password cannot resolve {{env:MAILBRIDGE_TEST_UNSET_VARIABLE}}");
    }

    @Test
    void the_command_line_runs_check_and_a_missing_file_exits_with_2() {
        assertThat(CommandLine.execute("check", "--accounts", dir.resolve("missing.yaml").toString(), "--json"))
                .isEqualTo(2);
    }

    @Test
    void the_password_comes_from_a_placeholder_and_application_properties_values_resolve() throws Exception {
        System.setProperty(CANARY_PROPERTY, CANARY);

        CheckRun run = CheckRun.json(accounts("password", "{{sys:" + CANARY_PROPERTY + "}}",
                "mailbox", "{{mailbridge.test.check.mailbox:INBOX}}", "connectionTimeout", "{{camel.main.shutdownTimeout}}"));

        assertThat(run.exitCode()).as(run::out).isZero();
        assertThat(run.document().path("accounts").path(0).path("mailbox").asText()).isEqualTo("INBOX");
    }

    @Test
    void no_output_and_no_log_line_ever_holds_the_password() throws Exception {
        System.setProperty(CANARY_PROPERTY, CANARY);
        Path passing = accounts("password", "{{sys:" + CANARY_PROPERTY + "}}");
        Path literal = accounts("password", CANARY);
        Path failing = new AccountsYaml().account("support", server.imapsPort(),
                trusted("username", "nobody@example.com", "password", CANARY)).writeTo(dir);
        Path unreachable = new AccountsYaml().account("support", 1, "password", CANARY).writeTo(dir);

        for (Path file : new Path[] {passing, literal, failing, unreachable}) {
            for (CheckRun run : new CheckRun[] {CheckRun.table(file), CheckRun.json(file)}) {
                assertThat(run.out() + run.err() + run.logs()).doesNotContain(CANARY).doesNotContain("c@n'ary");
            }
        }
    }

    @Test
    void a_server_quoting_the_password_back_does_not_get_it_printed() throws Exception {
        try (ScriptedImapServer echo = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .greeting("* OK Dovecot ready.")
                .loginAnswer("NO [AUTHENTICATIONFAILED] wrong password '" + ScriptedImapServer.PASSWORD + "'").start()) {
            Path file = LoopbackTls.trusting(new AccountsYaml(), "echo", echo.port(), "password", CANARY).writeTo(dir);

            CheckRun run = CheckRun.json(file);

            assertThat(run.explanation()).endsWith("wrong password '[secret]'");
            assertThat(run.out() + run.err() + run.logs()).doesNotContain(CANARY);
        }
    }

    private Path accounts(String... fields) throws Exception {
        String[] all = new String[fields.length + 2];
        all[0] = "username";
        all[1] = LOGIN;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return new AccountsYaml().account("support", server.imapsPort(), trusted(all)).writeTo(dir);
    }

    private String[] trusted(String... fields) {
        String[] all = new String[fields.length + 4];
        all[0] = "trustStore";
        all[1] = server.trustStore().toString();
        all[2] = "trustStorePassword";
        all[3] = server.trustStorePassword();
        System.arraycopy(fields, 0, all, 4, fields.length);
        return all;
    }
}
