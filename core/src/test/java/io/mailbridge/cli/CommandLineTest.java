package io.mailbridge.cli;

import io.mailbridge.support.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void an_invalid_accounts_file_exits_with_code_2_listing_every_problem_before_any_route_starts() throws IOException {
        Path marker = dir.resolve("a-route-started");
        Files.writeString(dir.resolve("marker.camel.yaml"), """
                - route:
                    id: marker
                    from:
                      uri: timer:started?repeatCount=1&delay=0
                      steps:
                        - setBody: {constant: started}
                        - to: "file:%s?fileName=%s"
                """.formatted(dir, marker.getFileName()));
        Path accounts = Files.writeString(dir.resolve("accounts.yaml"), """
                accounts:
                  - name: sales
                    username: sales@example.com
                    password: "{{env:MAILBRIDGE_TEST_UNSET_VARIABLE}}"
                    connectionTimeout: -3
                    sll: false
                """);

        int exitCode = execute("run", "--accounts", accounts.toString(), "--routes", dir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err()).contains(accounts + " has 3 errors:")
                .contains(accounts + ": account 'sales': connectionTimeout must be a positive number of seconds (at most 86400), was -3")
                .contains(accounts + ": account 'sales': unknown field 'sll'; did you mean 'ssl'?")
                .contains(accounts + ": account 'sales': password cannot resolve {{env:MAILBRIDGE_TEST_UNSET_VARIABLE}}");
        assertThat(marker).doesNotExist();
    }

    @Test
    void a_missing_accounts_file_is_a_configuration_error() {
        int exitCode = execute("run", "--accounts", dir.resolve("missing.yaml").toString(), "--routes", dir.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err()).contains("missing.yaml: file not found");
    }

    @Test
    void an_unknown_command_or_option_prints_the_usage() {
        assertThat(execute("start")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'start'").contains("usage: java -jar mailbridge.jar run");
        assertThat(execute("run", "--acounts", "x")).isEqualTo(2);
        assertThat(err()).contains("unknown option '--acounts'");
    }

    @Test
    void an_option_of_another_command_is_refused_with_this_command_s_usage() {
        assertThat(execute("run", "--json")).isEqualTo(2);

        assertThat(err()).startsWith("unknown option '--json' for run")
                .contains("usage: java -jar mailbridge.jar run [--accounts FILE] [--routes DIR]")
                .doesNotContain("mailbridge.jar check");
    }

    @Test
    void each_command_prints_its_own_usage_with_help_and_exits_0() {
        assertThat(execute("run", "--help")).isZero();
        assertThat(execute("demo", "-h")).isZero();
        assertThat(execute("check", "--accounts", "x.yaml", "--help")).isZero();

        assertThat(out()).contains("usage: java -jar mailbridge.jar run [--accounts FILE] [--routes DIR]",
                "usage: java -jar mailbridge.jar demo [--keep-running] [--routes DIR]",
                "usage: java -jar mailbridge.jar check [--accounts FILE] [--json]", "--keep-running ");
        assertThat(err()).isEmpty();
    }

    @Test
    void the_version_option_prints_mailbridge_s_and_camel_s_versions_and_exits_0() {
        assertThat(execute("--version")).isZero();
        assertThat(execute("run", "--version")).isZero();

        assertThat(out().lines()).hasSize(2).allSatisfy(line ->
                assertThat(line).matches("mailbridge \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Apache Camel 4\\.18\\.\\d+, Java .+\\)"));
    }

    @Test
    void a_missing_routes_directory_is_a_configuration_error() throws IOException {
        Path accounts = Files.writeString(dir.resolve("accounts.yaml"), "accounts: []\n");

        int exitCode = execute("run", "--accounts", accounts.toString(), "--routes", dir.resolve("nowhere").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err()).startsWith("routes directory " + dir.resolve("nowhere") + " not found").contains("--routes DIR");
    }

    @Test
    void a_syntax_error_in_a_route_file_is_one_paragraph_naming_the_file_line_and_column_with_exit_code_2()
            throws IOException {
        Path accounts = unreachableAccount();
        Path broken = Files.writeString(dir.resolve("tickets.camel.yaml"), """
                - route:
                    id: tickets
                    from:
                      uri: direct:mail
                      steps:
                        - to: "log:tickets"
                       - log: "indented one space less"
                """);

        try (LogCapture logs = new LogCapture()) {
            int exitCode = execute("run", "--accounts", accounts.toString(), "--routes", dir.toString());

            assertThat(exitCode).isEqualTo(2);
            assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith(broken.toAbsolutePath() + ": line 7, column 8: expected <block end>")
                    .endsWith("No route was started: fix the file and start again."));
            assertThat(logs.text()).doesNotContain("snakeyaml");
        }
    }

    @Test
    void an_unknown_key_in_a_route_file_is_reported_at_its_line() throws IOException {
        Path accounts = unreachableAccount();
        Files.writeString(dir.resolve("tickets.camel.yaml"), """
                - route:
                    id: tickets
                    from:
                      uri: direct:mail
                      steps:
                        - too: "log:tickets"
                """);

        assertThat(execute("run", "--accounts", accounts.toString(), "--routes", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("tickets.camel.yaml: line 6, column ").contains("too");
    }

    @Test
    void an_endpoint_whose_component_is_missing_says_how_to_add_it_with_exit_code_2() throws IOException {
        Path accounts = unreachableAccount();
        Files.writeString(dir.resolve("tickets.camel.yaml"), """
                - route:
                    id: tickets
                    from:
                      uri: direct:mail
                      steps:
                        - to: "kafka:tickets"
                """);

        assertThat(execute("run", "--accounts", accounts.toString(), "--routes", dir.toString())).isEqualTo(2);
        assertThat(err()).startsWith("route tickets sends to kafka://tickets, but no Camel component for 'kafka'")
                .contains("-Pkafka").contains("Adding Camel components");
    }

    /** A valid accounts file: the routes fail before its account would connect anywhere. */
    private Path unreachableAccount() throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), """
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{mailbridge.test.unused:secret}}"
                    host: 127.0.0.1
                    port: 1
                """);
    }

    private int execute(String... args) {
        return CommandLine.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
