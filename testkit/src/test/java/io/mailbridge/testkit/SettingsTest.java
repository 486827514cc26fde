package io.mailbridge.testkit;

import io.mailbridge.account.InvalidAccountsException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void a_mistake_in_the_accounts_file_is_reported_against_that_file() {
        Path file = Path.of("testkit/src/test/resources/mail/examples/testkit/misspelt-accounts.yaml");

        assertThatThrownBy(() -> MailbridgeApp.start(settings(file, Path.of("routes"))))
                .isInstanceOf(InvalidAccountsException.class)
                .hasMessageContaining(file + ": account 'support': unknown field 'mailbx'; did you mean 'mailbox'?")
                .hasMessageNotContaining("mailbridge-test-");
    }

    @Test
    void a_missing_routes_folder_is_named_with_the_working_directory() {
        Settings settings = settings(Path.of("routes/accounts.yaml"), Path.of("no-such-routes"));

        assertThatThrownBy(() -> MailbridgeApp.start(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("@MailbridgeTest(routes = \"no-such-routes\"): ")
                .hasMessageContaining("paths are relative to the working directory " + Path.of("").toAbsolutePath());
    }

    private static Settings settings(Path accounts, Path routes) {
        return new Settings(accounts, routes, List.of(), Map.of(), Duration.ofMillis(200));
    }
}
