package io.mailbridge.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A private Dovecot IMAPS server on a free loopback port whose only passdb is {@code oauth2}: a login is XOAUTH2 (or
 * OAUTHBEARER) with an access token that Dovecot checks at the {@link AuthorizationServer}'s introspection endpoint.
 * Run from a temporary directory with the loopback certificate of {@code tls/localhost.p12}; mail is put straight
 * into the users' Maildirs. Tests using it are skipped when Dovecot is not installed ({@code .ci/run} installs it).
 */
public final class OAuth2Dovecot implements AutoCloseable {

    public static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final String TLS_PASSWORD = "changeit";
    private static final AtomicInteger MESSAGES = new AtomicInteger();

    private final Path directory;
    private final int port;
    private final Process process;

    private OAuth2Dovecot(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    /** Starts Dovecot checking tokens at {@code introspectionUrl}; skips the test if Dovecot is not installed. */
    public static OAuth2Dovecot start(String introspectionUrl) {
        Assumptions.assumeTrue(Files.isExecutable(DOVECOT), "Dovecot is not installed (" + DOVECOT + " is missing):"
                + " apt-get install dovecot-imapd, as .ci/run does, to run the OAuth2 end-to-end tests");
        try {
            Path directory = Files.createTempDirectory("mailbridge-dovecot-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String folder : new String[] {"run", "state", "mail"}) {
                Files.createDirectories(directory.resolve(folder));
            }
            owned(directory.resolve("mail"));
            writeTls(directory);
            int port = freePort();
            Files.writeString(directory.resolve("oauth2.conf.ext"), """
                    introspection_mode = post
                    introspection_url = %s
                    username_attribute = username
                    active_attribute = active
                    active_value = true
                    force_introspection = yes
                    """.formatted(introspectionUrl));
            Files.writeString(directory.resolve("dovecot.conf"), config(directory, port));
            Process process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c",
                    directory.resolve("dovecot.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("master.out").toFile()).start();
            OAuth2Dovecot dovecot = new OAuth2Dovecot(directory, port, process);
            await("Dovecot listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50)).until(() -> dovecot.listening() || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("Dovecot did not start: " + dovecot.log());
            }
            return dovecot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Dovecot", e);
        }
    }

    private static String config(Path dir, int port) {
        return """
                protocols = imap
                listen = 127.0.0.1
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                info_log_path = %1$s/dovecot.log
                ssl = required
                ssl_cert = <%1$s/server.crt
                ssl_key = <%1$s/server.key
                ssl_min_protocol = TLSv1.2
                auth_mechanisms = xoauth2 oauthbearer
                disable_plaintext_auth = yes
                # refused logins answered at once, without the per-address penalty that would slow the next ones
                auth_failure_delay = 0
                passdb {
                  driver = oauth2
                  mechanisms = xoauth2 oauthbearer
                  args = %1$s/oauth2.conf.ext
                }
                userdb {
                  driver = static
                  args = uid=mail gid=mail home=%1$s/mail/%%u
                }
                first_valid_uid = 8
                mail_location = maildir:~/Maildir
                service imap-login {
                  inet_listener imap {
                    port = 0
                  }
                  inet_listener imaps {
                    port = %2$d
                    ssl = yes
                  }
                }
                service auth {
                  unix_listener auth-userdb {
                    mode = 0666
                  }
                }
                service anvil {
                  unix_listener anvil-auth-penalty {
                    mode = 0
                  }
                }
                """.formatted(dir, port);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** A copy of the trust store holding the loopback certificate Dovecot presents. */
    public Path trustStore() {
        return directory.resolve("trust.p12");
    }

    public String trustStorePassword() {
        return TLS_PASSWORD;
    }

    /** Puts a message into the user's INBOX, as a delivery agent would. */
    public void deliver(String user, byte[] message) {
        try {
            Path maildir = maildir(user);
            Path file = maildir.resolve("tmp").resolve(System.currentTimeMillis() + ".M" + MESSAGES.incrementAndGet()
                    + ".mailbridge-test");
            Files.write(file, message);
            owned(file);
            Files.move(file, maildir.resolve("new").resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deliver to " + user, e);
        }
    }

    /** How many of the user's INBOX messages the server has flagged \Seen. */
    public long seenCount(String user) {
        try (Stream<Path> files = Files.list(maildir(user).resolve("cur"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.contains(":2,") && name.substring(name.indexOf(":2,")).contains("S"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Maildir of " + user, e);
        }
    }

    /** Dovecot's log so far. */
    public String log() {
        try {
            Path log = directory.resolve("dovecot.log");
            Path out = directory.resolve("master.out");
            return (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(out) ? Files.readString(out) : "");
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private Path maildir(String user) throws IOException {
        Path maildir = directory.resolve("mail").resolve(user).resolve("Maildir");
        if (!Files.isDirectory(maildir.resolve("new"))) {
            for (Path folder : new Path[] {maildir.getParent(), maildir, maildir.resolve("cur"), maildir.resolve("new"),
                    maildir.resolve("tmp")}) {
                Files.createDirectories(folder);
                owned(folder);
            }
        }
        return maildir;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void owned(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, users.lookupPrincipalByName("mail"));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName("mail"));
    }

    /** The server's key and certificate as PEM files for Dovecot, and the clients' trust store beside them. */
    private static void writeTls(Path directory) throws IOException {
        try (InputStream in = resource("tls/localhost.p12"); InputStream trust = resource("tls/localhost-trust.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, TLS_PASSWORD.toCharArray());
            String alias = keys.aliases().nextElement();
            Certificate certificate = keys.getCertificate(alias);
            byte[] key = keys.getKey(alias, TLS_PASSWORD.toCharArray()).getEncoded();
            Files.writeString(directory.resolve("server.crt"), pem("CERTIFICATE", certificate.getEncoded()));
            Path keyFile = directory.resolve("server.key");
            Files.writeString(keyFile, pem("PRIVATE KEY", key));
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            Files.copy(trust, directory.resolve("trust.p12"));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the loopback keystore", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = OAuth2Dovecot.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("classpath resource '" + name + "' is missing");
        }
        return in;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
