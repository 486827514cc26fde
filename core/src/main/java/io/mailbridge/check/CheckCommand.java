package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.account.PlaceholderResolver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mailbridge check}: validates the accounts file like {@code run}, then connects to every account step by
 * step and says what works and, for what does not, what to do. Exit code 0 when every account passed, 1 when one
 * failed, 2 when the file is invalid.
 */
public final class CheckCommand {

    public static final int ALL_PASSED = 0;
    public static final int SOME_FAILED = 1;
    public static final int INVALID_FILE = 2;

    private final Path accountsFile;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    public CheckCommand(Path accountsFile, boolean json, PrintStream out, PrintStream err) {
        this.accountsFile = accountsFile;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    public int run() {
        try (LogsToStandardError logs = new LogsToStandardError()) {
            PlaceholderResolver placeholders = CamelPlaceholders.resolver();
            List<Account> accounts;
            try {
                accounts = new AccountsLoader(placeholders).load(accountsFile);
            } catch (InvalidAccountsException e) {
                err.println(e.getMessage());
                return INVALID_FILE;
            }
            List<AccountResult> results = accounts.stream()
                    .map(account -> new AccountCheck(account, placeholders).run()).toList();
            if (json) {
                CheckJson.print(results, out);
            } else {
                CheckReport.print(results, out);
            }
            return results.stream().allMatch(AccountResult::ok) ? ALL_PASSED : SOME_FAILED;
        }
    }
}
