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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AccountsLoaderTest {

    @TempDir
    Path dir;

    private CamelContext camel;
    private AccountsLoader loader;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("support.password", "abcd efgh ijkl mnop");
        camel.getPropertiesComponent().addInitialProperty("empty.password", "");
        camel.start();
        loader = new AccountsLoader(camel::resolvePropertyPlaceholders);
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void a_minimal_account_gets_the_gmail_defaults() throws IOException {
        List<Account> accounts = loader.load(file("""
                accounts:
                  - name: support
                    username: support@example.com
                    password: "{{support.password}}"
                """));

        Account support = accounts.get(0);
        assertThat(support.name()).isEqualTo("support");
        assertThat(support.routeId()).isEqualTo("mail-support");
        assertThat(support.host()).isEqualTo("imap.gmail.com");
        assertThat(support.port()).isEqualTo(993);
        assertThat(support.ssl()).isTrue();
        assertThat(support.scheme()).isEqualTo("imaps");
        assertThat(support.mailbox()).isEqualTo("INBOX");
        assertThat(support.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(support.authenticationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(support.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(support.to()).isEqualTo("direct:mail");
        assertThat(support.trustStore()).isEmpty();
    }

    @Test
    void every_field_is_read() throws IOException {
        Path trustStore = Files.writeString(dir.resolve("ca.p12"), "not checked here");
        Account sales = loader.load(file("""
                accounts:
                  - name: sales-eu
                    username: sales@example.com
                    password: "{{support.password}}"
                    host: mail.example.com
                    port: 1143
                    ssl: false
                    insecure: true
                    mailbox: Inbox/Sales
                    connectionTimeout: 7
                    authenticationTimeout: 2.5
                    pollInterval: 15
                    maxMessagesPerPoll: 20
                    to: direct:sales
                    trustStore: %s
                    trustStorePassword: "{{support.password}}"
                """.formatted(trustStore))).get(0);

        assertThat(sales).extracting(Account::host, Account::port, Account::ssl, Account::insecure, Account::scheme,
                        Account::mailbox, Account::connectionTimeout, Account::authenticationTimeout,
                        Account::pollInterval, Account::maxMessagesPerPoll, Account::to, Account::trustStore)
                .containsExactly("mail.example.com", 1143, false, true, "imap", "Inbox/Sales", Duration.ofSeconds(7),
                        Duration.ofMillis(2500), Duration.ofSeconds(15), 20, "direct:sales", Optional.of(trustStore));
    }

    @Test
    void plain_imap_defaults_to_port_143() throws IOException {
        Account account = loader.load(file("""
                accounts:
                  - {name: onprem, username: u, password: "{{support.password}}", ssl: false}
                """)).get(0);

        assertThat(account.port()).isEqualTo(143);
    }

    @Test
    void the_password_stays_a_placeholder_and_never_shows_in_text() throws IOException {
        Account account = loader.load(file("""
                accounts:
                  - {name: support, username: u, password: "{{support.password}}"}
                """)).get(0);

        assertThat(account.password().reveal()).isEqualTo("{{support.password}}");
        assertThat(account.toString()).doesNotContain("support.password").doesNotContain("abcd");
    }

    @Test
    void every_problem_is_reported_at_once_with_file_account_and_field() throws IOException {
        Path file = file("""
                accounts:
                  - name: sales
                    username: sales@example.com
                    password: "{{support.password}}"
                    connectionTimeout: -3
                    port: 99999
                  - name: Bad_Name
                    password: "{{support.password}}"
                    ssl: maybe
                  - name: sales
                    username: other@example.com
                    password: "{{missing.password}}"
                    pollIntervall: 30
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        String prefix = file + ": ";
        assertThat(error.problems()).containsExactlyInAnyOrder(
                prefix + "account 'sales': connectionTimeout must be a positive number of seconds (at most 86400), was -3",
                prefix + "account 'sales': port must be a whole number from 1 to 65535, was 99999",
                prefix + "account 'Bad_Name': name must match [a-z0-9][a-z0-9-]* (lower-case letters, digits, '-'), was 'Bad_Name'",
                prefix + "account 'Bad_Name': username is required",
                prefix + "account 'Bad_Name': ssl must be true or false, was 'maybe'",
                prefix + "account 'sales': unknown field 'pollIntervall'; did you mean 'pollInterval'?",
                prefix + "account 'sales': name 'sales' is used by another account; names must be unique",
                error.problems().stream().filter(p -> p.contains("{{missing.password}}")).findFirst().orElse("missing"));
        assertThat(error.problems()).anySatisfy(problem -> assertThat(problem)
                .startsWith(prefix + "account 'sales': password cannot resolve {{missing.password}}"));
        assertThat(error.getMessage()).startsWith(file + " has 8 errors:");
    }

    @Test
    void a_missing_password_and_a_missing_name_are_named() throws IOException {
        Path file = file("""
                accounts:
                  - username: a@example.com
                  - name: b
                    username: b@example.com
                    password: "{{empty.password}}"
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        assertThat(error.problems()).containsExactlyInAnyOrder(
                file + ": account #1 (no name): name is required",
                file + ": account #1 (no name): password is required (write it as a placeholder such as \"{{env:SUPPORT_APP_PASSWORD}}\")",
                file + ": account 'b': password {{empty.password}} resolves to an empty value");
    }

    @Test
    void wrong_shapes_and_values_are_errors_never_defaults() throws IOException {
        Path file = file("""
                accounts:
                  - name: x
                    username: x@example.com
                    password: "{{support.password}}"
                    ssl: true
                    insecure: true
                    mailbox: "Inbox/%"
                    authenticationTimeout: soon
                    maxMessagesPerPoll: 0
                    to: nowhere
                    trustStore: /does/not/exist.p12
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        assertThat(error.problems()).extracting(p -> p.substring(file.toString().length() + 2)).containsExactlyInAnyOrder(
                "account 'x': insecure applies only to ssl: false (a plaintext login without STARTTLS); remove it or set ssl: false",
                "account 'x': mailbox must be a mailbox name without the IMAP wildcards '%' and '*', was 'Inbox/%'",
                "account 'x': authenticationTimeout must be a positive number of seconds (at most 86400), was 'soon'",
                "account 'x': maxMessagesPerPoll must be a whole number from 1 to 10000, was 0",
                "account 'x': to must be a Camel endpoint URI such as direct:mail, was 'nowhere'",
                "account 'x': trustStore file /does/not/exist.p12 does not exist or cannot be read");
    }

    @Test
    void a_file_without_accounts_or_with_a_typo_at_the_top_is_an_error() throws IOException {
        Path file = file("""
                acounts:
                  - name: x
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        assertThat(error.problems()).containsExactly(
                file + ": unknown top-level field 'acounts'; did you mean 'accounts'?",
                file + ": accounts must be a non-empty list of accounts");
    }

    @Test
    void a_missing_file_and_broken_yaml_are_reported_as_such() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        Path broken = file("accounts: [ {name: x\n");

        assertThat(catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(missing)).problems())
                .singleElement().asString().startsWith(missing + ": file not found");
        assertThat(catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(broken)).problems())
                .singleElement().asString().startsWith(broken + ": is not valid YAML");
    }

    @Test
    void other_fields_may_use_placeholders_too() throws IOException {
        camel.getPropertiesComponent().addOverrideProperty("imap.host", "imap.example.org");

        Account account = loader.load(file("""
                accounts:
                  - {name: x, username: x, password: "{{support.password}}", host: "{{imap.host}}"}
                """)).get(0);

        assertThat(account.host()).isEqualTo("imap.example.org");
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }
}
