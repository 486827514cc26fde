package io.mailbridge.reload;

import io.mailbridge.account.Account;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies edits of the pipelines ({@code *.camel.yaml} in the routes directory, by Camel's route reload) and of the
 * accounts file (by an {@link AccountsFileWatcher}) while the application runs, when
 * {@code mailbridge.reload.enabled} is true.
 */
public final class LiveReload extends MainListenerSupport {

    public static final String ENABLED = "mailbridge.reload.enabled";
    public static final String INTERVAL_SECONDS = "mailbridge.reload.intervalSeconds";
    static final String PIPELINE_FILES = "*.camel.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(LiveReload.class);

    private final Path accountsFile;
    private final Path routesDirectory;
    private final Supplier<List<Account>> startedWith;

    /** @param startedWith the accounts whose routes the application started with, known once routes are built */
    public LiveReload(Path accountsFile, Path routesDirectory, Supplier<List<Account>> startedWith) {
        this.accountsFile = accountsFile;
        this.routesDirectory = routesDirectory;
        this.startedWith = startedWith;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        if (enabled(main.getCamelContext())) {
            // only the changed file's routes are replaced: the account routes come from no file and must stay
            main.configure()
                    .withRoutesReloadEnabled(true)
                    .withRoutesReloadDirectory(routesDirectory.toAbsolutePath().normalize().toString())
                    .withRoutesReloadPattern(PIPELINE_FILES)
                    .withRoutesReloadRemoveAllRoutes(false);
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        if (!enabled(camel)) {
            return;
        }
        RouteWatcherReloadStrategy pipelines = camel.hasService(RouteWatcherReloadStrategy.class);
        if (pipelines != null && pipelines.isRemoveAllRoutes()) {
            LOG.warn("camel.main.routesReloadRemoveAllRoutes=true would remove every account route and the account"
                    + " route template at each pipeline edit; mailbridge uses false");
            pipelines.setRemoveAllRoutes(false);
        }
        AccountsReloader reloader = new AccountsReloader(camel, accountsFile, startedWith);
        try {
            camel.addService(new AccountsFileWatcher(camel, accountsFile, interval(camel), reloader::reload));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start watching " + accountsFile, e);
        }
    }

    private static boolean enabled(CamelContext camel) {
        return Boolean.parseBoolean(camel.getPropertiesComponent().resolveProperty(ENABLED).orElse("false"));
    }

    private static Duration interval(CamelContext camel) {
        String seconds = camel.getPropertiesComponent().resolveProperty(INTERVAL_SECONDS).orElse("1");
        double value;
        try {
            value = Double.parseDouble(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(invalidInterval(seconds), e);
        }
        if (!(value > 0 && value <= 3600)) {
            throw new IllegalArgumentException(invalidInterval(seconds));
        }
        return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
    }

    private static String invalidInterval(String seconds) {
        return INTERVAL_SECONDS + " must be a number of seconds above 0 (at most 3600), was '" + seconds + "'";
    }
}
