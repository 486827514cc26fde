package io.mailbridge.status;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link AccountStatus} of every account of the application, by account name. */
public final class AccountStatuses {

    public static final String BEAN = "mailbridgeAccountStatuses";

    private final Map<String, AccountStatus> statuses = new ConcurrentHashMap<>();

    public AccountStatus forAccount(String account) {
        return statuses.computeIfAbsent(account, AccountStatus::new);
    }

    public Optional<AccountStatus> find(String account) {
        return Optional.ofNullable(statuses.get(account));
    }

    public Collection<AccountStatus> all() {
        return statuses.values();
    }

    /** Forgets an account that was removed from the accounts file. */
    public void remove(String account) {
        statuses.remove(account);
    }
}
