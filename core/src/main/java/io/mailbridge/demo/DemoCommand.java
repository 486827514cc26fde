package io.mailbridge.demo;

import io.mailbridge.app.ConfigurationException;
import io.mailbridge.app.MailbridgeApplication;
import io.mailbridge.app.StartupFailures;
import io.mailbridge.delivery.DeliveryLedgers;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code mailbridge demo}: an embedded IMAPS server with a Gmail-like account and a few messages, consumed by the
 * same account and route machinery as {@code run}, with a summary of what reached the pipeline.
 */
public final class DemoCommand {

    /** Shown as Google shows app passwords; mailbridge strips the spaces before logging in. */
    static final String APP_PASSWORD = "abcd efgh ijkl mnop";
    static final String ACCOUNT_NAME = "demo";
    private static final long WAIT_SECONDS = 60;

    private static final Path DEFAULT_ROUTES = Path.of("routes");

    private final Optional<Path> routesOption;
    private final boolean keepRunning;
    private final PrintStream out;

    /** @param routes the {@code --routes} folder; without it, {@code routes/} if present, else the bundled pipeline */
    public DemoCommand(Optional<Path> routes, boolean keepRunning, PrintStream out) {
        this.routesOption = routes;
        this.keepRunning = keepRunning;
        this.out = out;
    }

    public int run() throws Exception {
        Path routes = routes();
        try (LoopbackMailServer server = LoopbackMailServer.start()) {
            server.addUser(DemoMail.ACCOUNT, APP_PASSWORD.replace(" ", ""));
            List<MimeMessage> seed = DemoMail.messages();
            seed.forEach(message -> server.deliver(DemoMail.ACCOUNT, message));
            Path accounts = writeAccountsFile(server);
            out.printf("Demo IMAPS server on %s:%d with account %s (%d messages); accounts file %s%n",
                    server.host(), server.imapsPort(), DemoMail.ACCOUNT, seed.size(), accounts);
            out.printf("Pipelines: %s%n", routesOption.isEmpty() && !routes.equals(DEFAULT_ROUTES)
                    ? "the bundled " + BundledPipeline.FILE + " (there is no routes/ folder here)" : routes + "/");

            Main main = MailbridgeApplication.create(accounts, routes,
                    Map.of("mailbridge.demo.password", APP_PASSWORD,
                            "mailbridge.demo.trustStorePassword", server.trustStorePassword(),
                            "mailbridge.reload.enabled", String.valueOf(keepRunning)));
            CommittedMail committed = new CommittedMail("mail-" + ACCOUNT_NAME);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport configuring) {
                    configuring.getCamelContext().getManagementStrategy().addEventNotifier(committed);
                }

                @Override
                public void afterConfigure(BaseMainSupport configured) {
                    forgetEarlierRuns(configured.getCamelContext());
                }
            });
            StartupFailures.unwrap(main, () -> {
                main.start();
                return null;
            });
            try {
                CamelContext camel = main.getCamelContext();
                boolean done = committed.await(seed.size(), WAIT_SECONDS, TimeUnit.SECONDS);
                String outDir = camel.resolvePropertyPlaceholders("{{mailbridge.outDir}}");
                new DemoReport(server, out).print(Path.of(outDir, ACCOUNT_NAME));
                if (!done) {
                    out.printf("Only part of the demo mail was processed within %d s: see the log above.%n",
                            WAIT_SECONDS);
                    return 1;
                }
                if (keepRunning) {
                    awaitShutdown(server);
                }
                return 0;
            } finally {
                main.stop();
            }
        }
    }

    private Path routes() {
        if (routesOption.isPresent()) {
            Path given = routesOption.get();
            if (!Files.isDirectory(given)) {
                throw new ConfigurationException("routes directory " + given + " not found ("
                        + given.toAbsolutePath().normalize() + "); leave out --routes to use routes/ or, where there"
                        + " is none, the bundled pipeline");
            }
            return given;
        }
        return Files.isDirectory(DEFAULT_ROUTES) ? DEFAULT_ROUTES : BundledPipeline.extract();
    }

    /** Each run's server is new (a new UIDVALIDITY): an earlier run's ledger describes a mailbox that is gone. */
    private static void forgetEarlierRuns(CamelContext camel) {
        try {
            camel.getRegistry().lookupByNameAndType(DeliveryLedgers.BEAN, DeliveryLedgers.class).forget(ACCOUNT_NAME);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's earlier delivery ledger", e);
        }
    }

    private Path writeAccountsFile(LoopbackMailServer server) throws IOException {
        Path file = Files.createTempFile("mailbridge-demo-accounts-", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                # written by `mailbridge demo`: the embedded server's account
                accounts:
                  - name: %s
                    username: %s
                    password: "{{mailbridge.demo.password}}"
                    host: %s
                    port: %d
                    pollInterval: 2
                    start: all
                    trustStore: %s
                    trustStorePassword: "{{mailbridge.demo.trustStorePassword}}"
                """.formatted(ACCOUNT_NAME, DemoMail.ACCOUNT, server.host(), server.imapsPort(), server.trustStore()));
        return file;
    }

    private void awaitShutdown(LoopbackMailServer server) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "mailbridge-demo-shutdown"));
        out.printf("""

                Still running (Ctrl+C to stop). Send more mail to the demo account over SMTP, e.g.:
                  curl smtp://%s:%d --mail-from you@example.com --mail-rcpt %s --upload-file message.eml
                New messages are polled every 2 s and written as JSON like the ones above.
                """, server.host(), server.smtpPort(), DemoMail.ACCOUNT);
        stop.await();
    }
}
