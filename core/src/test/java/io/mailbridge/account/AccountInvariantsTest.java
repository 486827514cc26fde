package io.mailbridge.account;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountInvariantsTest {

    @Test
    void an_account_built_in_code_is_held_to_the_rules_of_the_accounts_file_every_broken_one_named() {
        assertThatThrownBy(() -> account("Sales Team", 0, "INBOX", "INBOX", Duration.ofSeconds(60),
                Duration.ofSeconds(30), Optional.of(Secret.of("changeit"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account 'Sales Team' is invalid")
                .hasMessageContaining("name must match [a-z0-9][a-z0-9-]*")
                .hasMessageContaining("port must be from 1 to 65535, was 0")
                .hasMessageContaining("quarantineMailbox must differ from mailbox 'INBOX'")
                .hasMessageContaining("maxRetryDelay must not be shorter than retryDelay")
                .hasMessageContaining("trustStorePassword is set but trustStore is not");
    }

    @Test
    void a_valid_account_is_built() {
        Account account = account("sales", 993, "INBOX", "mailbridge-quarantine", Duration.ofSeconds(30),
                Duration.ofSeconds(600), Optional.empty());
        assertThat(account.routeId()).isEqualTo("mail-sales");
    }

    private static Account account(String name, int port, String mailbox, String quarantine, Duration retryDelay,
                                   Duration maxRetryDelay, Optional<Secret> trustStorePassword) {
        return new Account(name, "sales@example.com", Secret.of("{{env:SALES_PASSWORD}}"), Account.DEFAULT_HOST, port,
                true, false, mailbox, Account.DEFAULT_CONNECTION_TIMEOUT, Account.DEFAULT_AUTHENTICATION_TIMEOUT,
                Account.DEFAULT_POLL_INTERVAL, Account.DEFAULT_MAX_MESSAGES_PER_POLL, Account.DEFAULT_TO,
                Optional.<Path>empty(), trustStorePassword, Account.DEFAULT_MAX_ATTEMPTS, quarantine,
                Account.DEFAULT_DEAD_LETTER, Account.DEFAULT_MAX_AUTH_BACKOFF, StartPolicy.DEFAULT, retryDelay,
                maxRetryDelay);
    }
}
