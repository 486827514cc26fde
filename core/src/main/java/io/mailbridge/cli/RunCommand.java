package io.mailbridge.cli;

import io.mailbridge.app.ConfigurationException;
import io.mailbridge.app.MailbridgeApplication;
import io.mailbridge.app.StartupFailures;
import io.mailbridge.app.TerminationSignals;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code mailbridge run}: consumes the accounts' mailboxes until SIGTERM, then shuts down gracefully. */
final class RunCommand {

    private final Path accounts;
    private final Path routes;

    RunCommand(Path accounts, Path routes) {
        this.accounts = accounts;
        this.routes = routes;
    }

    int run() throws Exception {
        if (!Files.isDirectory(routes)) {
            throw new ConfigurationException("routes directory " + routes + " not found ("
                    + routes.toAbsolutePath().normalize() + "): run mailbridge from the folder that holds routes/,"
                    + " or pass --routes DIR");
        }
        Main main = MailbridgeApplication.create(accounts, routes, Map.of());
        TerminationSignals.stopGracefullyOn(main);
        return StartupFailures.unwrap(main, () -> {
            main.run();
            return main.getExitCode();
        });
    }
}
