package io.mailbridge.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code mailbridge run} in a child JVM, started the way an operator starts it, that a test can kill (SIGKILL), stop
 * (SIGTERM) and start again. The child's output is appended to one log file across restarts.
 */
final class ChildMailbridge implements AutoCloseable {

    static final String DOWNSTREAM = "direct:collect";
    /** JVM options for a child that starts fast (C1 only, serial GC), for tests that restart it. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");
    /** JVM options as in production (both JIT compilers), for measurements. */
    static final List<String> FULL_SPEED = List.of("-XX:+UseSerialGC", "-Xmx256m");
    private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(10);

    private final List<String> command = new ArrayList<>();
    private final Path log;
    private Process process;
    private int starts;

    /**
     * @param dir        where the routes directory, the data directory, the deliveries and the log go
     * @param properties system properties of the child, e.g. the password placeholder's value
     */
    ChildMailbridge(Path accounts, Path dir, Map<String, String> properties) {
        // quick start-up matters more than peak speed: the child is restarted after every kill
        this(accounts, dir, properties, "/faults/collect.camel.yaml", QUICK_START);
    }

    /**
     * @param downstreamRoute the test resource of the route consuming {@link #DOWNSTREAM}
     * @param jvmOptions      the child JVM's options, e.g. {@link #QUICK_START}
     */
    ChildMailbridge(Path accounts, Path dir, Map<String, String> properties, String downstreamRoute,
                    List<String> jvmOptions) {
        this.log = dir.resolve("child.log");
        Path routes = dir.resolve("routes");
        copyDownstreamRoute(downstreamRoute, routes);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dmailbridge.dataDir=" + dir.resolve("data"));
        command.add("-Dtest.outDir=" + deliveries(dir));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        // in a surefire fork this is a booter jar whose manifest lists the whole test classpath
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(List.of("io.mailbridge.Mailbridge", "run", "--accounts", accounts.toString(),
                "--routes", routes.toString()));
    }

    /** The directory the downstream route writes one file per delivery to. */
    static Path deliveries(Path dir) {
        return dir.resolve("delivered");
    }

    void start() {
        try {
            Files.writeString(log, "---- start " + ++starts + ": " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child mailbridge: " + command, e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, in-flight messages are cut off wherever they are. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child mailbridge did not die within " + EXIT_AFTER_KILL + " of SIGKILL");
        }
    }

    /**
     * Sends a signal with {@code kill(1)}: {@code STOP} freezes the child as a long GC pause or a suspended VM would,
     * {@code CONT} lets it go on where it was.
     */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + kill.exitValue());
        }
    }

    /** SIGTERM, then waits for the exit and returns its code. */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child mailbridge did not exit within " + within + " of SIGTERM");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int starts() {
        return starts;
    }

    /** The last lines of the child's output, over all its runs. */
    String logTail(int lines) {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** How many lines of the child's output, over all its runs, contain {@code text}. */
    long logLinesContaining(String text) {
        return logLines().stream().filter(line -> line.contains(text)).count();
    }

    private List<String> logLines() {
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }

    private static void copyDownstreamRoute(String resource, Path routes) {
        try (InputStream route = ChildMailbridge.class.getResourceAsStream(resource)) {
            if (route == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.createDirectories(routes);
            Files.copy(route, routes.resolve("collect.camel.yaml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the downstream route to " + routes, e);
        }
    }
}
