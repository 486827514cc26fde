package io.mailbridge.support;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for a test class, from the server binaries on the machine ({@code initdb},
 * {@code pg_ctl} on the PATH or under {@code /usr/lib/postgresql/<version>/bin}): a new cluster in a temporary
 * directory, listening on a free loopback port with password authentication, run as the {@code postgres} (or
 * {@code nobody}) user when the JVM runs as root, and deleted after the class. Register it with
 * {@code @RegisterExtension static final PostgresServer POSTGRES = new PostgresServer();}.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final long TIMEOUT_SECONDS = 60;

    private final String password;
    private final boolean fsync;
    private Path directory;
    private Path binaries;
    private int port;
    private boolean running;
    private Thread shutdownHook;

    public PostgresServer() {
        this("ledger-test-secret");
    }

    /**
     * A server whose superuser {@value #USER} logs in with {@code password}; it does not fsync, as tests need no
     * durability against a crash of the machine.
     */
    public PostgresServer(String password) {
        this(password, false);
    }

    private PostgresServer(String password, boolean fsync) {
        this.password = password;
        this.fsync = fsync;
    }

    /** A server that makes commits durable as a production one does, for measurements. */
    public static PostgresServer durable() {
        return new PostgresServer("ledger-test-secret", true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /** Creates the cluster and starts the server. */
    public void open() throws IOException {
        create();
        start();
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() throws IOException {
        stop();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Starts the server (again, on the same port and data, after {@link #stop()}). */
    public synchronized void start() {
        if (!running) {
            run(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", String.valueOf(TIMEOUT_SECONDS), "start");
            running = true;
        }
    }

    /** Stops the server as an administrator would ({@code pg_ctl stop -m fast}): clients are disconnected. */
    public synchronized void stop() {
        if (running) {
            run(binaries.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop");
            running = false;
        }
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The URL of a new, empty database. */
    public String newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection admin = connect(url("postgres")); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + url("postgres"), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser; the caller closes it. */
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, password);
    }

    private void create() throws IOException {
        binaries = findBinaries().orElseThrow(() -> new IllegalStateException("the tests need a PostgreSQL server:"
                + " no initdb and pg_ctl on the PATH or under /usr/lib/postgresql/*/bin; install them with"
                + " `apt-get install postgresql` (Debian, Ubuntu)"));
        directory = Files.createTempDirectory("mailbridge-postgres-");
        Path passwordFile = Files.writeString(directory.resolve("password"), password + "\n");
        Optional<String> runAs = unprivilegedUser();
        if (runAs.isPresent()) {
            giveTo(runAs.get(), directory);
            giveTo(runAs.get(), passwordFile);
        }
        port = freePort();
        run(binaries.resolve("initdb").toString(), "-D", data().toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
        Files.writeString(data().resolve("postgresql.conf"), String.join("\n", "",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + directory + "'",
                "max_connections = 60",
                "shared_buffers = 16MB",
                "fsync = " + (fsync ? "on" : "off"),
                "full_page_writes = " + (fsync ? "on" : "off"),
                ""), StandardOpenOption.APPEND);
        shutdownHook = new Thread(this::stop, "stop-postgres-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private Path data() {
        return directory.resolve("data");
    }

    /** Runs a server binary, as an unprivileged user when this JVM is root (PostgreSQL refuses to run as root). */
    private void run(String... command) {
        List<String> line = new ArrayList<>();
        unprivilegedUser().ifPresent(user -> line.addAll(List.of("runuser", "-u", user, "--")));
        line.addAll(List.of(command));
        try {
            Path output = Files.createTempFile("postgres-command-", ".txt");
            try {
                Process process = new ProcessBuilder(line).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", line) + " did not finish in " + TIMEOUT_SECONDS
                            + " s");
                }
                if (process.exitValue() != 0) {
                    Path log = directory.resolve("server.log");
                    throw new IllegalStateException(String.join(" ", line) + " failed with exit code "
                            + process.exitValue() + ":\n" + Files.readString(output)
                            + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", line), e);
        }
    }

    private static Optional<Path> findBinaries() {
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry));
            }
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                installed.sorted(Comparator.comparing(PostgresServer::version).reversed())
                        .forEach(version -> candidates.add(version.resolve("bin")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + versions, e);
            }
        }
        return candidates.stream().filter(dir -> Files.isExecutable(dir.resolve("initdb"))
                && Files.isExecutable(dir.resolve("pg_ctl"))).findFirst();
    }

    private static int version(Path directory) {
        String name = directory.getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static Optional<String> unprivilegedUser() {
        if (new UnixSystem().getUid() != 0) {
            return Optional.empty();
        }
        return Optional.of(Stream.of("postgres", "nobody").filter(PostgresServer::userExists).findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL refuses to run as root, and there is no"
                        + " postgres or nobody user to run it as")));
    }

    private static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(user + ":"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /etc/passwd", e);
        }
    }

    private static void giveTo(String user, Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        attributes.setOwner(users.lookupPrincipalByName(user));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
