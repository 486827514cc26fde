package io.mailbridge.reload;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the watcher's checks by hand: each {@code check()} is one tick of its interval. */
class AccountsFileWatcherTest {

    @TempDir
    Path dir;

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger reloads = new AtomicInteger();
    private AccountsFileWatcher watcher;
    private Path file;

    @BeforeEach
    void startCamel() throws IOException {
        camel.start();
        file = Files.writeString(dir.resolve("accounts.yaml"), "accounts: []\n");
        watcher = new AccountsFileWatcher(camel, file, Duration.ofHours(1), reloads::incrementAndGet);
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void a_change_is_reloaded_once_after_it_stayed_the_same_for_one_more_check() throws IOException {
        watcher.check();
        watcher.check();
        assertThat(reloads).as("the first stable content is compared with the running accounts").hasValue(1);

        Files.writeString(file, "accounts:\n  - name: half-writ");
        watcher.check();
        Files.writeString(file, "accounts:\n  - name: half-written\n");
        watcher.check();
        assertThat(reloads).as("still changing: not reloaded").hasValue(1);
        watcher.check();
        watcher.check();
        assertThat(reloads).hasValue(2);
    }

    @Test
    void a_deleted_file_is_reloaded_too_so_that_its_absence_is_reported() throws IOException {
        watcher.check();
        watcher.check();

        Files.delete(file);
        watcher.check();
        watcher.check();

        assertThat(reloads).hasValue(2);
    }
}
