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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OAuth2AccountsTest {

    @TempDir
    Path dir;

    private CamelContext camel;
    private AccountsLoader loader;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("google.secret", "g-secret");
        camel.getPropertiesComponent().addInitialProperty("google.refresh", "1//refresh");
        camel.getPropertiesComponent().addInitialProperty("entra.secret", "e-secret");
        camel.start();
        loader = new AccountsLoader(camel::resolvePropertyPlaceholders);
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void google_and_microsoft_accounts_get_their_providers_token_urls_and_scopes() throws IOException {
        var accounts = loader.load(file("""
                accounts:
                  - name: gmail
                    username: alice@example.com
                    auth: oauth2
                    oauth2:
                      provider: google
                      clientId: 123.apps.googleusercontent.com
                      clientSecret: "{{google.secret}}"
                      refreshToken: "{{google.refresh}}"
                  - name: m365
                    username: helpdesk@contoso.com
                    host: outlook.office365.com
                    auth: oauth2
                    oauth2:
                      provider: microsoft
                      clientId: 00000000-1111-2222-3333-444444444444
                      clientSecret: "{{entra.secret}}"
                      tenant: contoso.onmicrosoft.com
                """));

        OAuth2 google = accounts.get(0).oauth2().orElseThrow();
        assertThat(accounts.get(0).usesOAuth2()).isTrue();
        assertThat(accounts.get(0).password()).isNull();
        assertThat(google.provider()).isEqualTo(OAuth2.Provider.GOOGLE);
        assertThat(google.tokenUrl()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(google.scope()).isEqualTo("https://mail.google.com/");
        assertThat(google.clientSecret().reveal()).isEqualTo("{{google.secret}}");
        assertThat(google.refreshToken()).map(Secret::reveal).contains("{{google.refresh}}");
        OAuth2 microsoft = accounts.get(1).oauth2().orElseThrow();
        assertThat(microsoft.tokenUrl())
                .isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(microsoft.scope()).isEqualTo("https://outlook.office365.com/.default");
        assertThat(microsoft.refreshToken()).isEmpty();
        assertThat(microsoft.toString()).doesNotContain("{{entra.secret}}");
    }

    @Test
    void every_oauth2_problem_is_reported_at_once_naming_file_account_and_field() throws IOException {
        Path file = file("""
                accounts:
                  - name: both
                    username: a@example.com
                    password: "{{google.secret}}"
                    auth: oauth2
                    oauth2: {provider: google, clientId: id, clientSecret: "{{google.secret}}", refreshToken: "{{google.refresh}}"}
                  - name: neither
                    username: b@example.com
                    auth: oauth2
                  - name: block-without-auth
                    username: c@example.com
                    password: "{{google.secret}}"
                    oauth2: {provider: google}
                  - name: incomplete
                    username: d@example.com
                    auth: oauth2
                    oauth2: {provider: microsoft, clientSecret: "{{env:MAILBRIDGE_TEST_UNSET_VARIABLE}}", refreshToken: x, tokenUrl: "ftp://x", tennant: contoso}
                  - name: unknown-provider
                    username: e@example.com
                    auth: oauth3
                  - name: yahoo
                    username: f@example.com
                    auth: oauth2
                    oauth2: {provider: yahoo, clientId: id, clientSecret: "{{google.secret}}"}
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        String f = file + ": ";
        assertThat(error.problems()).contains(
                f + "account 'both': password must be absent with auth: oauth2 (the login uses an OAuth2 access token)",
                f + "account 'neither': oauth2 is required with auth: oauth2 (provider, clientId, clientSecret, and"
                        + " refreshToken or tenant)",
                f + "account 'block-without-auth': oauth2 is set but auth is not oauth2; add auth: oauth2 (and remove"
                        + " password)",
                f + "account 'incomplete': unknown field 'oauth2.tennant'; did you mean 'tenant'?",
                f + "account 'incomplete': oauth2.clientId is required (the OAuth client's id)",
                f + "account 'incomplete': oauth2.refreshToken applies only to provider google (Microsoft uses client"
                        + " credentials)",
                f + "account 'incomplete': oauth2.tenant is required with provider microsoft (the Entra tenant id or"
                        + " domain)",
                f + "account 'incomplete': oauth2.tokenUrl must be an http or https URL, was 'ftp://x'",
                f + "account 'unknown-provider': auth must be password or oauth2, was 'oauth3'",
                f + "account 'yahoo': oauth2.provider must be google or microsoft, was 'yahoo'");
        assertThat(error.problems()).anyMatch(problem -> problem.startsWith(f + "account 'incomplete': oauth2.clientSecret"
                + " cannot resolve {{env:MAILBRIDGE_TEST_UNSET_VARIABLE}}"));
        assertThat(error.problems()).noneMatch(problem -> problem.contains("g-secret") || problem.contains("1//refresh"));
    }

    @Test
    void a_google_account_without_a_refresh_token_is_refused() throws IOException {
        Path file = file("""
                accounts:
                  - name: gmail
                    username: alice@example.com
                    auth: oauth2
                    oauth2: {provider: google, clientId: id, clientSecret: "{{google.secret}}", tenant: contoso}
                """);

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        assertThat(error.problems()).containsExactly(
                file + ": account 'gmail': oauth2.refreshToken is required (write it as a placeholder such as"
                        + " \"{{env:NAME}}\")",
                file + ": account 'gmail': oauth2.tenant applies only to provider microsoft");
    }

    @Test
    void the_account_record_holds_to_password_xor_oauth2_whoever_builds_it() {
        OAuth2 oauth2 = new OAuth2(OAuth2.Provider.MICROSOFT, "id", Secret.of("{{s}}"), Optional.empty(),
                Optional.of("contoso"), OAuth2.microsoftTokenUrl("contoso"), OAuth2.MICROSOFT_SCOPE);
        Account passwordAccount = new Account("a", "a@example.com", Secret.of("{{p}}"), "imap.example.com", 993, true,
                false, "INBOX", Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60), 500,
                "direct:mail", Optional.empty(), Optional.empty(), 3, "q", "direct:dl", Duration.ofMinutes(30),
                StartPolicy.DEFAULT, Duration.ofSeconds(30), Duration.ofMinutes(10));

        assertThat(passwordAccount.oauth2()).isEmpty();
        assertThat(passwordAccount.usesOAuth2()).isFalse();
        assertThatThrownBy(() -> withAuth(passwordAccount, Secret.of("{{p}}"), Optional.of(oauth2)))
                .hasMessage("account 'a' is invalid: password must be absent with oauth2");
        assertThatThrownBy(() -> withAuth(passwordAccount, null, Optional.empty()))
                .hasMessage("account 'a' is invalid: password must be given (or oauth2)");
        assertThat(withAuth(passwordAccount, null, Optional.of(oauth2)).usesOAuth2()).isTrue();
    }

    private static Account withAuth(Account a, Secret password, Optional<OAuth2> oauth2) {
        return new Account(a.name(), a.username(), password, a.host(), a.port(), a.ssl(), a.insecure(), a.mailbox(),
                a.connectionTimeout(), a.authenticationTimeout(), a.pollInterval(), a.maxMessagesPerPoll(), a.to(),
                a.trustStore(), a.trustStorePassword(), a.maxAttempts(), a.quarantineMailbox(), a.deadLetter(),
                a.maxAuthBackoff(), a.startPolicy(), a.retryDelay(), a.maxRetryDelay(), a.onSuccess(), a.filter(), oauth2, a.idle());
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml);
    }
}
