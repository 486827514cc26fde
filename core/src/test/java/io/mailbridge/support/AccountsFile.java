package io.mailbridge.support;

import io.mailbridge.demo.LoopbackMailServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an accounts file whose accounts log in to a {@link LoopbackMailServer}, trusting its certificate. */
public final class AccountsFile {

    private final LoopbackMailServer server;
    private final List<Map<String, String>> accounts = new ArrayList<>();

    public AccountsFile(LoopbackMailServer server) {
        this.server = server;
    }

    /**
     * Adds an account; {@code fields} are extra or overriding "key: value" pairs, values written as YAML; a null
     * value leaves the field out.
     */
    public AccountsFile account(String name, String login, String password, String... fields) {
        Map<String, String> account = new LinkedHashMap<>();
        account.put("name", name);
        account.put("username", login);
        account.put("password", quoted(password));
        account.put("host", server.host());
        account.put("port", String.valueOf(server.imapsPort()));
        account.put("pollInterval", "0.5");
        // tests put their mail in before mailbridge starts, and wait for retries only as long as they must
        account.put("start", "all");
        account.put("retryDelay", "0.2");
        account.put("trustStore", quoted(server.trustStore().toString()));
        account.put("trustStorePassword", quoted(server.trustStorePassword()));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] == null) {
                account.remove(fields[i]);
            } else {
                account.put(fields[i], fields[i + 1]);
            }
        }
        accounts.add(account);
        return this;
    }

    public Path writeTo(Path directory) {
        return write(accounts, directory);
    }

    /** Writes {@code accounts.yaml} in {@code directory}: one list entry per account, its fields as given. */
    static Path write(List<Map<String, String>> accounts, Path directory) {
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (Map<String, String> account : accounts) {
            String indent = "  - ";
            for (Map.Entry<String, String> field : account.entrySet()) {
                yaml.append(indent).append(field.getKey()).append(": ").append(field.getValue()).append('\n');
                indent = "    ";
            }
        }
        try {
            return Files.writeString(directory.resolve("accounts.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the accounts file in " + directory, e);
        }
    }

    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
