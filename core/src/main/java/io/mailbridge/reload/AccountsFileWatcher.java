package io.mailbridge.reload;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the accounts file every interval on one daemon thread and calls the reload once its content changed and then
 * stayed the same for one more interval, so a file caught half-written is never applied. Content, not the
 * modification time, decides: it also sees edits within the same second and replaced files.
 */
final class AccountsFileWatcher extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsFileWatcher.class);
    private static final String MISSING = "missing";

    private final CamelContext camel;
    private final Path file;
    private final Duration interval;
    private final Runnable reload;
    private ScheduledExecutorService scheduler;
    private String applied;
    private String pending;

    AccountsFileWatcher(CamelContext camel, Path file, Duration interval, Runnable reload) {
        this.camel = camel;
        this.file = file;
        this.interval = interval;
        this.reload = reload;
    }

    @Override
    protected void doStart() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mailbridge-accounts-watcher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Live reload of {} enabled (checked every {} ms)", file, interval.toMillis());
    }

    @Override
    protected void doStop() {
        // stopped without having started when the application failed to start
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    void check() {
        // an exception escaping a scheduled task would cancel every later check, silently
        try {
            if (!camel.isStarted()) {
                return;
            }
            String content = fingerprint();
            if (content.equals(applied)) {
                pending = null;
            } else if (!content.equals(pending)) {
                pending = content;
            } else {
                applied = content;
                pending = null;
                reload.run();
            }
        } catch (RuntimeException e) {
            LOG.error("cannot reload {}; the accounts keep running as they were", file, e);
        }
    }

    private String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return MISSING;
        } catch (IOException e) {
            // the reload reports why the file cannot be read
            return "unreadable: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
