package io.mailbridge.account;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Loads and validates an accounts file, failing with every problem at once. */
public final class AccountsLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsLoader.class);

    private final PlaceholderResolver placeholders;

    public AccountsLoader(PlaceholderResolver placeholders) {
        this.placeholders = placeholders;
    }

    /** Reads the file; throws {@link InvalidAccountsException} naming the file, account and field of each problem. */
    public List<Account> load(Path file) {
        String shown = file.toString();
        Object document = parse(file, shown);
        List<String> problems = new ArrayList<>();
        List<Account> accounts = new ArrayList<>();
        List<?> entries = entries(document, problems);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String label = label(entry, i);
            if (!(entry instanceof Map<?, ?> fields)) {
                problems.add(label + ": must be a map of fields (name, username, password, ...)");
                continue;
            }
            AccountReader reader = new AccountReader(fields, label, placeholders);
            Optional<Account> account = reader.read();
            problems.addAll(reader.problems());
            reader.warnings().forEach(warning -> LOG.warn("{}: {}", shown, warning));
            account.ifPresent(accounts::add);
            Object name = fields.get(AccountField.NAME.key());
            if (name != null && !names.add(String.valueOf(name))) {
                problems.add(label + ": name '" + name + "' is used by another account; names must be unique");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidAccountsException(shown, problems.stream().map(p -> shown + ": " + p).toList());
        }
        return List.copyOf(accounts);
    }

    private static Object parse(Path file, String shown) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Load(LoadSettings.builder().setLabel(shown).build()).loadFromInputStream(in);
        } catch (NoSuchFileException e) {
            throw new InvalidAccountsException(shown, List.of(shown + ": file not found ("
                    + file.toAbsolutePath().normalize() + "); pass another one with --accounts FILE"));
        } catch (IOException e) {
            throw new InvalidAccountsException(shown, List.of(shown + ": cannot be read: " + e.getMessage()));
        } catch (YamlEngineException e) {
            throw new InvalidAccountsException(shown, List.of(shown + ": is not valid YAML: " + e.getMessage()));
        }
    }

    private static List<?> entries(Object document, List<String> problems) {
        if (!(document instanceof Map<?, ?> root)) {
            problems.add("must start with 'accounts:' followed by a list of accounts");
            return List.of();
        }
        for (Object key : root.keySet()) {
            if (!"accounts".equals(key)) {
                String hint = DidYouMean.closest(String.valueOf(key), List.of("accounts"))
                        .map(k -> "; did you mean '" + k + "'?").orElse("");
                problems.add("unknown top-level field '" + key + "'" + hint);
            }
        }
        Object accounts = root.get("accounts");
        if (!(accounts instanceof List<?> list) || list.isEmpty()) {
            problems.add("accounts must be a non-empty list of accounts");
            return List.of();
        }
        return list;
    }

    private static String label(Object entry, int index) {
        if (entry instanceof Map<?, ?> fields && fields.get(AccountField.NAME.key()) instanceof String name
                && !name.isBlank()) {
            return "account '" + name + "'";
        }
        return "account #" + (index + 1) + " (no name)";
    }
}
