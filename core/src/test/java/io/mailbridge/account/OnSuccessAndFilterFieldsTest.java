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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code onSuccess} and {@code filter} fields of the accounts file, read or reported with every problem. */
class OnSuccessAndFilterFieldsTest {

    @TempDir
    Path dir;

    private CamelContext camel;
    private AccountsLoader loader;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("pw", "secret");
        camel.getPropertiesComponent().addInitialProperty("billing.sender", "billing@example.com");
        camel.start();
        loader = new AccountsLoader(camel::resolvePropertyPlaceholders);
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void without_the_fields_mail_is_flagged_seen_and_every_message_consumed() throws IOException {
        Account account = loader.load(file(account("a", ""))).get(0);

        assertThat(account.onSuccess()).isEqualTo(OnSuccess.DEFAULT);
        assertThat(account.filter()).isEqualTo(MailFilter.NONE);
    }

    @Test
    void each_action_and_the_filter_are_read() throws IOException {
        List<Account> accounts = loader.load(file("accounts:\n"
                + account("a", "    onSuccess: none\n")
                + account("b", "    onSuccess: delete\n")
                + account("c", "    onSuccess: 'move:Processed/Billing'\n")
                + account("d", "    onSuccess: 'move:\\Trash'\n")
                + account("e", "    onSuccess: 'label:mailbridge/done'\n"
                        + "    filter:\n      from: \"{{billing.sender}}\"\n      subject: Invoice 42\n")));

        assertThat(accounts).extracting(account -> account.onSuccess().toString())
                .containsExactly("none", "delete", "move:Processed/Billing", "move:\\Trash", "label:mailbridge/done");
        assertThat(accounts.get(3).onSuccess().isSpecialUse()).isTrue();
        assertThat(accounts.get(4).filter())
                .isEqualTo(new MailFilter(Optional.of("billing@example.com"), Optional.of("Invoice 42")));
    }

    @Test
    void every_bad_value_is_reported_with_file_account_and_field() throws IOException {
        Path file = file("accounts:\n"
                + account("a", "    onSuccess: moved\n")
                + account("b", "    onSuccess: 'move:'\n")
                + account("c", "    onSuccess: 'move:\\Trsh'\n")
                + account("d", "    onSuccess: 'move:INBOX'\n")
                + account("e", "    filter:\n      form: billing@example.com\n")
                + account("f", "    filter:\n      since: 2026-01-01\n")
                + account("g", "    filter: billing@example.com\n")
                + account("h", "    filter:\n      subject: ''\n"));

        InvalidAccountsException error = catchThrowableOfType(InvalidAccountsException.class, () -> loader.load(file));

        assertThat(error.problems()).extracting(p -> p.substring(file.toString().length() + 2)).containsExactlyInAnyOrder(
                "account 'a': onSuccess must be seen, none, delete, move:<mailbox> or label:<label>, was 'moved';"
                        + " did you mean 'move:'?",
                "account 'b': onSuccess move: needs a mailbox, e.g. move:Processed or move:\\Archive, was 'move:'",
                "account 'c': onSuccess move:\\Trsh names no special-use mailbox; use one of \\All, \\Archive, \\Drafts,"
                        + " \\Flagged, \\Junk, \\Sent, \\Trash, \\Important or a mailbox name; did you mean '\\Trash'?",
                "account 'd': onSuccess must move to a mailbox other than the consumed one ('INBOX')",
                "account 'e': filter has unknown key 'form' (known: from, subject); did you mean 'from'?",
                "account 'f': filter.since is not supported: a filter applies to every message, and the date limit"
                        + " belongs to the first start; use the account's since field (with start: all or start:"
                        + " unseen) instead",
                "account 'g': filter must be a map with from and/or subject (filter: {from: billing@example.com}),"
                        + " was 'billing@example.com'",
                "account 'h': filter.subject must be a non-empty text on one line, was ''");
    }

    private static String account(String name, String fields) {
        return "  - name: " + name + "\n    username: " + name + "@example.com\n    password: \"{{pw}}\"\n" + fields;
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("accounts.yaml"), yaml.startsWith("accounts:") ? yaml
                : "accounts:\n" + yaml);
    }
}
