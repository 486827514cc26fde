package io.mailbridge.support;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.AppendUID;
import org.awaitility.Awaitility;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private Dovecot (Debian's {@code dovecot-imapd}, started as root from a temporary directory, plain IMAP on a free
 * loopback port) whose special-use mailboxes have localized names, as a German Gmail account's do: {@code \Trash} is
 * {@code [Google Mail]/Papierkorb}, {@code \All} {@code [Google Mail]/Alle Nachrichten}, {@code \Drafts}
 * {@code [Google Mail]/Entwürfe}. One user, {@value #USER}; its capabilities can be narrowed to test servers without
 * MOVE or UIDPLUS.
 */
public final class SpecialUseDovecot implements AutoCloseable {

    public static final String USER = "support";
    public static final String PASSWORD = "dovecot-test-secret";
    public static final String TRASH = "[Google Mail]/Papierkorb";
    public static final String ALL = "[Google Mail]/Alle Nachrichten";
    public static final String DRAFTS = "[Google Mail]/Entwürfe";

    private final Path directory;
    private final int port;

    private SpecialUseDovecot(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** A Dovecot with all its own capabilities (MOVE, UIDPLUS, SPECIAL-USE, ...). */
    public static SpecialUseDovecot start() throws Exception {
        return start(null);
    }

    /** A Dovecot that announces exactly {@code capabilities} after login, or its own when null. */
    public static SpecialUseDovecot start(String capabilities) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/dovecot"))) {
            throw new IllegalStateException("these tests need Dovecot: apt-get install dovecot-imapd (.ci/run does)");
        }
        Path directory = Files.createTempDirectory("mailbridge-dovecot-");
        for (String sub : List.of("run", "state", "mail")) {
            Files.createDirectories(directory.resolve(sub));
        }
        Files.writeString(directory.resolve("users"), USER + ":{PLAIN}" + PASSWORD + "\n");
        int port = freePort();
        Files.writeString(directory.resolve("dovecot.conf"), config(directory, port, capabilities));
        run("chmod", "755", directory.toString());
        run("chown", "-R", "mail:mail", directory.resolve("mail").toString());
        SpecialUseDovecot dovecot = new SpecialUseDovecot(directory, port);
        try {
            run("/usr/sbin/dovecot", "-c", directory.resolve("dovecot.conf").toString());
            dovecot.awaitListening();
        } catch (Exception e) {
            dovecot.close();
            throw e;
        }
        return dovecot;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** Appends a message to a mailbox, unseen, and returns its UID. */
    public long append(String mailbox, byte[] raw) throws Exception {
        return withFolder(mailbox, folder -> {
            MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(raw));
            AppendUID[] uids = folder.appendUIDMessages(new Message[] {message});
            return uids[0].uid;
        });
    }

    public int count(String mailbox) throws Exception {
        return withFolder(mailbox, Folder::getMessageCount);
    }

    /** The subjects of a mailbox's messages, in UID order. */
    public List<String> subjects(String mailbox) throws Exception {
        return withFolder(mailbox, folder -> {
            List<String> subjects = new java.util.ArrayList<>();
            for (Message message : folder.getMessages()) {
                subjects.add(message.getSubject());
            }
            return subjects;
        });
    }

    /** System flag names of a message, e.g. {@code \Seen}, {@code \Deleted}. */
    public Set<String> flags(String mailbox, long uid) throws Exception {
        return withFolder(mailbox, folder -> Arrays.stream(folder.getMessageByUID(uid).getFlags().getSystemFlags())
                .map(SpecialUseDovecot::name).collect(Collectors.toSet()));
    }

    /** Flags a message deleted without expunging it, as another client may. */
    public void flagDeleted(String mailbox, long uid) throws Exception {
        withFolder(mailbox, folder -> {
            folder.getMessageByUID(uid).setFlag(Flags.Flag.DELETED, true);
            return null;
        });
    }

    /** The fields of an accounts file entry that log in here (plain IMAP on loopback: {@code insecure}). */
    public String account(String name, String... fields) {
        StringBuilder yaml = new StringBuilder("  - name: " + name + "\n    username: " + USER
                + "\n    password: '" + PASSWORD + "'\n    host: " + host() + "\n    port: " + port
                + "\n    ssl: false\n    insecure: true\n    pollInterval: 0.5\n    start: all\n    retryDelay: 0.2\n");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            yaml.append("    ").append(fields[i]).append(": ").append(fields[i + 1]).append('\n');
        }
        return yaml.toString();
    }

    @Override
    public void close() throws Exception {
        Path pid = directory.resolve("run").resolve("master.pid");
        if (Files.exists(pid)) {
            long master = Long.parseLong(Files.readString(pid).trim());
            ProcessHandle.of(master).ifPresent(process -> {
                process.destroy();
                process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private interface FolderWork<T> {
        T run(IMAPFolder folder) throws Exception;
    }

    private <T> T withFolder(String mailbox, FolderWork<T> work) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "10000");
        properties.setProperty("mail.imap.timeout", "10000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect(host(), port, USER, PASSWORD);
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(mailbox);
            folder.open(Folder.READ_WRITE);
            try {
                return work.run(folder);
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private void awaitListening() {
        Awaitility.await("Dovecot listening on port " + port + " (log: " + directory.resolve("dovecot.log") + ")")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::listening);
    }

    private boolean listening() {
        try (Socket socket = new Socket(host(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String config(Path dir, int port, String capabilities) {
        return String.join("\n",
                "protocols = imap",
                "listen = 127.0.0.1",
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "log_path = " + dir.resolve("dovecot.log"),
                "info_log_path = " + dir.resolve("dovecot.log"),
                "ssl = no",
                "auth_mechanisms = plain login",
                "disable_plaintext_auth = no",
                "passdb {", "  driver = passwd-file",
                "  args = scheme=PLAIN username_format=%u " + dir.resolve("users"), "}",
                "userdb {", "  driver = static", "  args = uid=mail gid=mail home=" + dir.resolve("mail") + "/%u", "}",
                "first_valid_uid = 8",
                "mail_location = maildir:~/Maildir",
                capabilities == null ? "" : "imap_capability = " + capabilities,
                "namespace inbox {", "  inbox = yes", "  separator = /",
                "  mailbox \"" + TRASH + "\" {", "    special_use = \\Trash", "    auto = create", "  }",
                "  mailbox \"" + ALL + "\" {", "    special_use = \\All", "    auto = create", "  }",
                "  mailbox \"" + DRAFTS + "\" {", "    special_use = \\Drafts", "    auto = create", "  }",
                "}",
                "service imap-login {", "  inet_listener imap {", "    port = " + port, "  }",
                "  inet_listener imaps {", "    port = 0", "  }", "}",
                "service auth {", "  unix_listener auth-userdb {", "    mode = 0666", "  }", "}",
                "");
    }

    /** Runs a command to its end; its output goes to a file, as Dovecot's daemon would hold a pipe open. */
    private static void run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("dovecot-command-", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String name(Flags.Flag flag) {
        if (flag == Flags.Flag.SEEN) {
            return "\\Seen";
        }
        return flag == Flags.Flag.DELETED ? "\\Deleted" : flag.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
