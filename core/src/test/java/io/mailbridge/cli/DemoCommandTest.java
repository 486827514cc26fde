package io.mailbridge.cli;

import io.mailbridge.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty("mailbridge.outDir");
        System.clearProperty("mailbridge.dataDir");
    }

    @Test
    void the_demo_processes_its_seed_mail_through_the_routes_directory_and_exits_0() throws IOException {
        System.setProperty("mailbridge.outDir", dir.resolve("out").toString());
        System.setProperty("mailbridge.dataDir", dir.resolve("data").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = CommandLine.execute(List.of("demo"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed).contains("6 messages processed").contains("Réclamation commande")
                .doesNotContain("abcd efgh ijkl mnop").doesNotContain("abcdefghijklmnop");
        try (Stream<Path> files = Files.list(dir.resolve("out").resolve("demo"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".json"))).hasSize(6);
        }
        assertThat(printed.lines().filter(line -> line.matches("\\d+ +yes .*"))).hasSize(6);
    }

    @Test
    void a_second_demo_delivers_its_new_server_s_mail_without_mistaking_it_for_a_rebuilt_mailbox() throws Exception {
        System.setProperty("mailbridge.outDir", dir.resolve("out").toString());
        System.setProperty("mailbridge.dataDir", dir.resolve("data").toString());
        assertThat(demo()).contains("6 messages processed");

        try (LogCapture logs = new LogCapture()) {
            assertThat(demo()).contains("6 messages processed");
            assertThat(logs.text()).contains("6 delivered").doesNotContain("UIDVALIDITY changed");
        }
    }

    private static String demo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = CommandLine.execute(List.of("demo"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed).isZero();
        return printed;
    }
}
