package io.mailbridge.reload;

import io.mailbridge.account.Account;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The accounts a re-read accounts file adds, removes and changes, compared with the accounts that run, by name. */
record AccountChanges(List<Account> added, List<Account> removed, List<Change> changed) {

    /** One account whose fields differ; {@code fields} are named as in the accounts file, never with values. */
    record Change(Account before, Account after, List<String> fields) {
    }

    static AccountChanges between(Collection<Account> running, Collection<Account> reread) {
        Map<String, Account> before = byName(running);
        Map<String, Account> after = byName(reread);
        List<Account> added = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        after.forEach((name, account) -> {
            Account old = before.get(name);
            if (old == null) {
                added.add(account);
            } else if (!old.equals(account)) {
                changed.add(new Change(old, account, differingFields(old, account)));
            }
        });
        List<Account> removed = before.values().stream().filter(old -> !after.containsKey(old.name())).toList();
        return new AccountChanges(List.copyOf(added), removed, List.copyOf(changed));
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    private static Map<String, Account> byName(Collection<Account> accounts) {
        Map<String, Account> byName = new LinkedHashMap<>();
        accounts.forEach(account -> byName.put(account.name(), account));
        return byName;
    }

    /** The record components, which carry the accounts file's field names, whose values differ. */
    private static List<String> differingFields(Account before, Account after) {
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : Account.class.getRecordComponents()) {
            if (!Objects.equals(value(component, before), value(component, after))) {
                fields.add(component.getName());
            }
        }
        return fields;
    }

    private static Object value(RecordComponent component, Account account) {
        try {
            return component.getAccessor().invoke(account);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of account '" + account.name()
                    + "'", e);
        }
    }
}
