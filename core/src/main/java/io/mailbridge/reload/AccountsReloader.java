package io.mailbridge.reload;

import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Brings the account routes in line with a re-read accounts file: an invalid file is rejected whole and the running
 * routes stay; otherwise removed accounts lose their route, changed ones get a new one, added ones get one.
 */
final class AccountsReloader {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsReloader.class);

    private final CamelContext camel;
    private final Path file;
    private final AccountsLoader loader;
    private final AccountRouteControl routes;
    private final Supplier<List<Account>> startedWith;
    private Map<String, Account> running;

    /** @param startedWith the accounts whose routes the application started with */
    AccountsReloader(CamelContext camel, Path file, Supplier<List<Account>> startedWith) {
        this.camel = camel;
        this.file = file;
        this.loader = new AccountsLoader(camel::resolvePropertyPlaceholders);
        this.routes = new AccountRouteControl(camel);
        this.startedWith = startedWith;
    }

    /** Re-reads the file and applies the difference; called on the watcher's thread only. */
    void reload() {
        boolean first = running == null;
        if (first) {
            running = new LinkedHashMap<>();
            startedWith.get().forEach(account -> running.put(account.name(), account));
        }
        List<Account> accounts;
        try {
            accounts = loader.load(file);
        } catch (InvalidAccountsException e) {
            LOG.error("{}{}The change is not applied: the accounts keep running as they were.", e.getMessage(),
                    System.lineSeparator());
            return;
        }
        AccountChanges changes = AccountChanges.between(running.values(), accounts);
        if (changes.isEmpty() && !first) {
            LOG.info("{} was re-read: no account changed", file);
        }
        changes.removed().forEach(this::remove);
        changes.changed().forEach(this::change);
        changes.added().forEach(this::add);
    }

    private void remove(Account account) {
        try {
            routes.remove(account);
            statuses().remove(account.name());
            running.remove(account.name());
            LOG.info("account '{}' removed (route {})", account.name(), account.routeId());
        } catch (Exception e) {
            LOG.error("account '{}' was removed from {} but its route {} could not be removed", account.name(), file,
                    account.routeId(), e);
        }
    }

    private void change(AccountChanges.Change change) {
        Account before = change.before();
        Account after = change.after();
        try {
            routes.remove(before);
            running.remove(before.name());
        } catch (Exception e) {
            LOG.error("account '{}' changed in {} but its route {} could not be removed; it keeps its previous"
                    + " settings", before.name(), file, before.routeId(), e);
            return;
        }
        try {
            routes.add(after);
            running.put(after.name(), after);
            LOG.info("account '{}' changed: {}", after.name(), String.join(", ", change.fields()));
        } catch (Exception e) {
            LOG.error("account '{}' changed in {} ({}) but its new route could not be started; restoring the previous"
                    + " settings", after.name(), file, String.join(", ", change.fields()), e);
            restore(before);
        }
    }

    private void restore(Account before) {
        try {
            routes.add(before);
            running.put(before.name(), before);
            LOG.info("account '{}' runs with its previous settings (route {})", before.name(), before.routeId());
        } catch (Exception e) {
            LOG.error("account '{}' could not be restored either: it is not running until the file changes",
                    before.name(), e);
        }
    }

    private void add(Account account) {
        try {
            routes.add(account);
            running.put(account.name(), account);
            LOG.info("account '{}' added: {}://{}:{} mailbox '{}' as {} -> {} (route {})", account.name(),
                    account.scheme(), account.host(), account.port(), account.mailbox(), account.username(),
                    account.to(), account.routeId());
        } catch (Exception e) {
            LOG.error("account '{}' of {} could not be started as route {}", account.name(), file, account.routeId(),
                    e);
        }
    }

    private AccountStatuses statuses() {
        return camel.getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class);
    }
}
