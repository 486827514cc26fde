package io.mailbridge.account;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdleFieldTest {

    @TempDir
    Path dir;

    private CamelContext camel;
    private AccountsLoader loader;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("support.password", "secret");
        camel.getPropertiesComponent().addInitialProperty("support.idle", "off");
        camel.start();
        loader = new AccountsLoader(camel::resolvePropertyPlaceholders);
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void idle_is_auto_unless_the_account_says_off() throws IOException {
        List<Account> accounts = loader.load(file("""
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{support.password}}"
                  - name: sales
                    username: sales@example.com
                    password: "{{support.password}}"
                    idle: off
                  - name: billing
                    username: billing@example.com
                    password: "{{support.password}}"
                    idle: "{{support.idle}}"
                """));

        assertThat(accounts).extracting(Account::idle).containsExactly(IdleMode.AUTO, IdleMode.OFF, IdleMode.OFF);
    }

    @Test
    void a_wrong_idle_value_is_reported_with_file_account_and_field_among_the_other_problems() throws IOException {
        Path file = file("""
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{support.password}}"
                    idle: of
                    pollInterval: 0
                  - name: sales
                    username: sales@example.com
                    password: "{{support.password}}"
                    idle: true
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        String prefix = file + ": ";
        assertThat(error.problems()).containsExactlyInAnyOrder(
                prefix + "account 'support': idle must be one of auto, off, was 'of'; did you mean 'off'?",
                prefix + "account 'support': pollInterval must be a positive number of seconds (at most 86400), was 0",
                prefix + "account 'sales': idle must be one of auto, off, was 'true'");
    }

    @Test
    void an_account_built_with_the_earlier_parameter_list_gets_idle_auto() throws IOException {
        Account account = loader.load(file("""
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{support.password}}"
                """)).get(0);

        Account rebuilt = new Account(account.name(), account.username(), account.password(), account.host(),
                account.port(), account.ssl(), account.insecure(), account.mailbox(), account.connectionTimeout(),
                account.authenticationTimeout(), account.pollInterval(), account.maxMessagesPerPoll(), account.to(),
                account.trustStore(), account.trustStorePassword(), account.maxAttempts(), account.quarantineMailbox(),
                account.deadLetter(), account.maxAuthBackoff(), account.startPolicy(), account.retryDelay(),
                account.maxRetryDelay());

        assertThat(rebuilt).isEqualTo(account);
        assertThat(rebuilt.idle()).isEqualTo(IdleMode.AUTO);
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }
}
