package io.mailbridge.app;

import com.sun.net.httpserver.HttpServer;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** target/mailbridge.jar copied into a folder of its own and started there with java, as a user would. */
class StandaloneJarIT {

    private static final Path JAR = Path.of(System.getProperty("mailbridge.jar", "target/mailbridge.jar"));
    /** camel-http and the jars it needs that mailbridge.jar does not hold. */
    private static final Pattern HTTP_COMPONENT = Pattern.compile("(camel-http|camel-http-common|camel-cloud"
            + "|jakarta\\.servlet-api|httpclient5|httpcore5|httpcore5-h2)-\\d[^/]*\\.jar");

    @TempDir
    Path dir;

    @Test
    void the_jar_alone_runs_the_demo_with_its_bundled_pipeline() throws Exception {
        Path jar = Files.copy(JAR, dir.resolve("mailbridge.jar"));

        Run demo = Run.of(dir, List.of("-jar", jar.toString(), "demo")).awaitExit(Duration.ofSeconds(120));

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("the bundled mail-to-json.camel.yaml", "6 messages processed")
                .doesNotContain("summary").doesNotContain("SIGTERM");
        try (Stream<Path> json = Files.list(dir.resolve("out").resolve("demo"))) {
            assertThat(json.filter(file -> file.toString().endsWith(".json"))).hasSize(6);
        }
    }

    @Test
    void a_start_that_fails_exits_with_code_2_without_a_stack_trace_or_a_sigterm_line() throws Exception {
        Path jar = Files.copy(JAR, dir.resolve("mailbridge.jar"));
        Files.createDirectory(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes").resolve("accounts.yaml"), """
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{mailbridge.test.unused:secret}}"
                """);
        Files.writeString(dir.resolve("routes").resolve("broken.camel.yaml"), "- route:\n    id: [broken\n");

        Run run = Run.of(dir, List.of("-jar", jar.toString(), "run")).awaitExit(Duration.ofSeconds(60));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("routes/broken.camel.yaml: line ").doesNotContain("\tat ")
                .doesNotContain("SIGTERM");
    }

    @Test
    void component_jars_on_the_class_path_extend_it_and_sigterm_stops_it_gracefully() throws Exception {
        Path jar = Files.copy(JAR, dir.resolve("mailbridge.jar"));
        Path components = Files.createDirectory(dir.resolve("components"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path file = Path.of(entry);
            if (HTTP_COMPONENT.matcher(file.getFileName().toString()).matches()) {
                Files.copy(file, components.resolve(file.getFileName()));
            }
        }
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer tickets = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tickets.createContext("/tickets", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        tickets.start();
        try (LoopbackMailServer server = LoopbackMailServer.start()) {
            server.addUser("support@example.com", "secret");
            long uid = server.deliver("support@example.com", message("Where is my order 1234?"));
            Path routes = Files.createDirectory(dir.resolve("routes"));
            new AccountsFile(server).account("support", "support@example.com", "{{test.pw}}").writeTo(routes);
            Files.writeString(routes.resolve("tickets.camel.yaml"), """
                    - route:
                        id: tickets
                        from:
                          uri: direct:mail
                          steps:
                            - marshal: {json: {}}
                            - removeHeaders: {pattern: "Mail*"}
                            - to: "http://127.0.0.1:%d/tickets"
                    """.formatted(tickets.getAddress().getPort()));

            Run run = Run.of(dir, List.of("-Dtest.pw=secret", "-cp", jar + File.pathSeparator + "components/*",
                    "io.mailbridge.Mailbridge", "run"));
            await().atMost(Duration.ofSeconds(60)).until(() -> server.isSeen("support@example.com", "INBOX", uid)
                    || !run.process().isAlive());
            run.process().destroy();
            run.awaitExit(Duration.ofSeconds(60));

            assertThat(posted).as(run.output()).singleElement()
                    .satisfies(json -> assertThat(json).contains("\"subject\":\"Where is my order 1234?\""));
            assertThat(server.isSeen("support@example.com", "INBOX", uid)).isTrue();
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("SIGTERM received");
        } finally {
            tickets.stop(0);
        }
    }

    /** A java process started in a folder, its output in a file there. */
    private record Run(Process process, Path log) {

        static Run of(Path directory, List<String> arguments) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(arguments);
            Path log = directory.resolve("process.log");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Run(process, log);
        }

        Run awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + timeout + ":\n" + output());
            }
            return this;
        }

        int exitCode() {
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + log, e);
            }
        }
    }
}
