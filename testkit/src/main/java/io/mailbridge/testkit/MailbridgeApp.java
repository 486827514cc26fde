package io.mailbridge.testkit;

import io.mailbridge.account.Account;
import io.mailbridge.app.MailbridgeApplication;
import io.mailbridge.app.StartupFailures;
import io.mailbridge.demo.LoopbackMailServer;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The application under test: the user's accounts and routes running against the loopback server, for one test. */
public final class MailbridgeApp implements AutoCloseable {

    private final Path directory;
    private final LoopbackMailServer server;
    private final Main main;
    private final Mailboxes mailboxes;
    private final Deliveries deliveries;

    private MailbridgeApp(Path directory, LoopbackMailServer server, Main main, Mailboxes mailboxes,
                          Deliveries deliveries) {
        this.directory = directory;
        this.server = server;
        this.main = main;
        this.mailboxes = mailboxes;
        this.deliveries = deliveries;
    }

    static MailbridgeApp start(Settings settings) throws Exception {
        require(settings.accounts(), Files.isRegularFile(settings.accounts()), "accounts");
        require(settings.routes(), Files.isDirectory(settings.routes()), "routes");
        Path directory = Files.createTempDirectory("mailbridge-test-");
        LoopbackMailServer server = null;
        try {
            server = LoopbackMailServer.start();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("mailbridge.dataDir", directory.resolve("data").toString());
            properties.put("mailbridge.outDir", directory.resolve("out").toString());
            // a test boots its routes once; watching the files would only add threads
            properties.put("mailbridge.reload.enabled", "false");
            properties.putAll(settings.properties());
            List<Account> accounts = TestAccounts.prepare(settings.accounts(), server, settings.pollInterval(),
                    directory, properties);

            ExchangeRecorder recorder = new ExchangeRecorder();
            ReplacedEndpoints replaced = new ReplacedEndpoints(settings.replace());
            Main main = MailbridgeApplication.create(directory.resolve("accounts.yaml"), settings.routes(), properties);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport configuring) {
                    // before the routes exist, so every endpoint they resolve passes the replacement
                    CamelContext camel = configuring.getCamelContext();
                    recorder.setCamelContext(camel);
                    camel.getManagementStrategy().addEventNotifier(recorder);
                    replaced.attach(camel);
                }
            });
            Map<String, AccountMailbox> mailboxes = new LinkedHashMap<>();
            for (Account account : accounts) {
                mailboxes.put(account.name(), new AccountMailbox(server, account, recorder));
            }
            StartupFailures.unwrap(main, () -> {
                main.start();
                return null;
            });
            return new MailbridgeApp(directory, server, main, new Mailboxes(mailboxes, settings.accounts().toString()),
                    new Deliveries(recorder, replaced));
        } catch (Exception | Error e) {
            try {
                if (server != null) {
                    server.close();
                }
                delete(directory);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    public Mailboxes mailboxes() {
        return mailboxes;
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    /** Where the default pipeline writes JSON ({@code mailbridge.outDir}): a temporary folder of this test. */
    public Path outDir() {
        return Path.of(camel().resolvePropertyPlaceholders("{{mailbridge.outDir}}"));
    }

    /** Where attachments, spool and delivery ledgers go ({@code mailbridge.dataDir}). */
    public Path dataDir() {
        return Path.of(camel().resolvePropertyPlaceholders("{{mailbridge.dataDir}}"));
    }

    /** Stops the application, then the server, and deletes the test's temporary folder. */
    @Override
    public void close() throws Exception {
        try {
            main.stop();
        } finally {
            try {
                server.close();
            } finally {
                delete(directory);
            }
        }
    }

    private static void require(Path path, boolean present, String attribute) {
        if (!present) {
            throw new IllegalArgumentException("@MailbridgeTest(" + attribute + " = \"" + path + "\"): "
                    + path.toAbsolutePath().normalize() + " not found; paths are relative to the working directory "
                    + Path.of("").toAbsolutePath());
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test's temporary folder " + directory, e);
        }
    }
}
