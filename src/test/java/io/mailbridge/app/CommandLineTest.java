package io.mailbridge.app;

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

    private int execute(String... args) {
        return CommandLine.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
