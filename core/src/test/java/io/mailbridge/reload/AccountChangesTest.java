package io.mailbridge.reload;

import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AccountChangesTest {

    @TempDir
    Path dir;

    @Test
    void accounts_are_matched_by_name_into_added_removed_and_changed_with_the_changed_field_names() throws IOException {
        List<Account> before = accounts("""
                - {name: support, username: support@example.com, password: "{{pw}}"}
                - {name: sales, username: sales@example.com, password: "{{pw}}"}
                - {name: billing, username: billing@example.com, password: "{{pw}}"}
                """);
        List<Account> after = accounts("""
                - {name: support, username: support@example.com, password: "{{pw}}"}
                - {name: sales, username: sales@example.com, password: "{{other}}", pollInterval: 5, to: "mock:x"}
                - {name: hr, username: hr@example.com, password: "{{pw}}"}
                """);

        AccountChanges changes = AccountChanges.between(before, after);

        assertThat(changes.added()).extracting(Account::name).containsExactly("hr");
        assertThat(changes.removed()).extracting(Account::name).containsExactly("billing");
        assertThat(changes.changed()).singleElement().satisfies(change -> {
            assertThat(change.before().name()).isEqualTo("sales");
            assertThat(change.fields()).containsExactly("password", "pollInterval", "to");
        });
    }

    @Test
    void the_same_accounts_written_differently_are_no_change() throws IOException {
        List<Account> before = accounts("""
                - {name: support, username: support@example.com, password: "{{pw}}"}
                """);
        List<Account> after = accounts("""
                # the same account, with its defaults spelled out
                - name: support
                  username: support@example.com
                  password: "{{pw}}"
                  host: imap.gmail.com
                  pollInterval: 60
                """);

        assertThat(AccountChanges.between(before, after).isEmpty()).isTrue();
    }

    private List<Account> accounts(String list) throws IOException {
        Path file = Files.writeString(Files.createTempFile(dir, "accounts", ".yaml"), "accounts:\n" + list.indent(2));
        return new AccountsLoader(text -> text.replace("{{pw}}", "secret").replace("{{other}}", "other"))
                .load(file);
    }
}
