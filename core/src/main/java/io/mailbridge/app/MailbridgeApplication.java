package io.mailbridge.app;

import io.mailbridge.delivery.DeadLetterRoute;
import io.mailbridge.reload.LiveReload;
import io.mailbridge.route.AccountRouteTemplate;
import io.mailbridge.route.AccountRoutes;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/** Builds the camel-main application that runs an accounts file's routes and a directory of YAML pipelines. */
public final class MailbridgeApplication {

    private MailbridgeApplication() {
    }

    /**
     * @param properties extra properties that win over {@code application.properties} (the demo and tests use
     *                   them; users set {@code CAMEL_*} / {@code MAILBRIDGE_*} environment variables instead)
     */
    public static Main create(Path accountsFile, Path routesDirectory, Map<String, String> properties) {
        // no class given: Main(Class) would also scan this package and configure MailbridgeConfiguration twice
        Main main = new Main();
        main.configure().withRoutesIncludePattern(
                "file:" + routesDirectory.toAbsolutePath().normalize() + "/*.camel.yaml");
        main.configure().addConfiguration(MailbridgeConfiguration.class);
        main.configure().addRoutesBuilder(new AccountRouteTemplate());
        main.configure().addRoutesBuilder(new DeadLetterRoute());
        AccountRoutes accountRoutes = new AccountRoutes(accountsFile);
        main.configure().addRoutesBuilder(accountRoutes);
        main.addMainListener(new LiveReload(accountsFile, routesDirectory, accountRoutes::accounts));
        properties.forEach(main::addOverrideProperty);
        return main;
    }
}
