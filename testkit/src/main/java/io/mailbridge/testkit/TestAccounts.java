package io.mailbridge.testkit;

import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import io.mailbridge.account.AppPasswords;
import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.account.PlaceholderResolver;
import io.mailbridge.demo.LoopbackMailServer;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's accounts file made to log in to a {@link LoopbackMailServer}: one server user per account (same login,
 * the file's password when its placeholder resolves, else a generated one), and a copy of the file that points
 * host, port and trust at the server and polls quickly. The user's file is never changed.
 */
final class TestAccounts {

    static final String PASSWORD_PROPERTY = "mailbridge.testkit.%s.password";
    static final String TRUST_STORE_PASSWORD_PROPERTY = "mailbridge.testkit.trustStorePassword";

    private TestAccounts() {
    }

    /**
     * Writes the copy into {@code directory}, adds the properties it needs to {@code properties} and returns the
     * validated accounts; problems are reported against the user's file.
     */
    static List<Account> prepare(Path file, LoopbackMailServer server, Duration pollInterval, Path directory,
                                 Map<String, String> properties) {
        Path copy = directory.resolve("accounts.yaml");
        try (Placeholders placeholders = new Placeholders(properties)) {
            Map<String, Object> document = document(file, placeholders);
            List<Map<String, Object>> entries = entries(document);
            Map<String, String> passwords = new HashMap<>();
            for (Map<String, Object> entry : entries) {
                rewrite(entry, server, pollInterval, placeholders, properties, passwords);
            }
            properties.put(TRUST_STORE_PASSWORD_PROPERTY, server.trustStorePassword());
            document.put("accounts", entries);
            write(copy, document);
            placeholders.use(properties);
            List<Account> accounts = load(copy, file, placeholders);
            Set<String> created = new HashSet<>();
            for (Account account : accounts) {
                // the quarantine mailbox too, so a test can count it before anything was quarantined
                for (String mailbox : List.of(account.mailbox(), account.quarantineMailbox())) {
                    if (!mailbox.equalsIgnoreCase("INBOX") && created.add(account.username() + '\n' + mailbox)) {
                        server.createMailbox(account.username(), mailbox);
                    }
                }
            }
            return accounts;
        }
    }

    private static void rewrite(Map<String, Object> entry, LoopbackMailServer server, Duration pollInterval,
                                Placeholders placeholders, Map<String, String> properties,
                                Map<String, String> passwords) {
        Object name = entry.get("name");
        Object username = entry.get("username");
        if (name == null || username == null) {
            return; // the validation reports it, naming the account
        }
        String login = placeholders.tryResolve(String.valueOf(username)).orElse(null);
        if (login == null) {
            return;
        }
        Object written = entry.get("password");
        String password = written == null ? null : placeholders.tryResolve(String.valueOf(written))
                .filter(resolved -> !resolved.isEmpty()).map(AppPasswords::normalize).orElse(null);
        if (password == null) {
            password = passwords.computeIfAbsent(login, any -> generatedPassword());
            // the key ends in "password" so Camel masks the value in its start-up summary
            String property = PASSWORD_PROPERTY.formatted(name);
            properties.put(property, password);
            entry.put("password", "{{" + property + "}}");
        }
        String known = passwords.putIfAbsent(login, password);
        if (known != null && !known.equals(password)) {
            throw new IllegalArgumentException("accounts sharing the login '" + login
                    + "' have different passwords; the test server has one password per login");
        }
        server.addUser(login, password);
        entry.put("host", server.host());
        entry.put("port", server.imapsPort());
        entry.put("ssl", true);
        entry.remove("insecure");
        entry.put("trustStore", server.trustStore().toString());
        entry.put("trustStorePassword", "{{" + TRUST_STORE_PASSWORD_PROPERTY + "}}");
        entry.put("pollInterval", pollInterval.toMillis() / 1000.0);
        entry.put("start", "all");
        entry.put("retryDelay", pollInterval.toMillis() / 1000.0);
        entry.remove("maxRetryDelay");
    }

    /** The file as a map; a file of another shape is left to the loader, which explains what is wrong with it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Path file, PlaceholderResolver placeholders) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            document = null;
        }
        if (document instanceof Map<?, ?> root && root.get("accounts") instanceof List<?> list
                && list.stream().allMatch(Map.class::isInstance)) {
            return new LinkedHashMap<>((Map<String, Object>) root);
        }
        new AccountsLoader(placeholders).load(file);
        throw new InvalidAccountsException(file.toString(),
                List.of(file + ": must be 'accounts:' with a list of maps"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> document) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object entry : (List<?>) document.get("accounts")) {
            entries.add(new LinkedHashMap<>((Map<String, Object>) entry));
        }
        return entries;
    }

    private static void write(Path copy, Map<String, Object> document) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        try {
            Files.writeString(copy, "# written by the mailbridge test kit for one test\n"
                    + new Dump(settings).dumpToString(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test copy of the accounts file " + copy, e);
        }
    }

    private static List<Account> load(Path copy, Path file, PlaceholderResolver placeholders) {
        try {
            return new AccountsLoader(placeholders).load(copy);
        } catch (InvalidAccountsException e) {
            throw new InvalidAccountsException(file.toString(), e.problems().stream()
                    .map(problem -> problem.replace(copy.toString(), file.toString())).toList());
        }
    }

    private static String generatedPassword() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
