package io.mailbridge.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an accounts file of loopback accounts; each field's value is written as a quoted YAML string. */
final class AccountsYaml {

    static final String LOOPBACK = "127.0.0.1";

    private final List<Map<String, String>> accounts = new ArrayList<>();

    /** Adds an account on 127.0.0.1; {@code fields} are further "key", "value" pairs, a null value removes the key. */
    AccountsYaml account(String name, int port, String... fields) {
        Map<String, String> account = new LinkedHashMap<>();
        account.put("name", name);
        account.put("username", name + "@example.com");
        account.put("password", "secret");
        account.put("host", LOOPBACK);
        account.put("port", String.valueOf(port));
        // generous: only the tests of timeouts want them to expire, and they set their own
        account.put("connectionTimeout", "10");
        account.put("authenticationTimeout", "15");
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

    Path writeTo(Path directory) throws IOException {
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (Map<String, String> account : accounts) {
            String indent = "  - ";
            for (Map.Entry<String, String> field : account.entrySet()) {
                yaml.append(indent).append(field.getKey()).append(": '")
                        .append(field.getValue().replace("'", "''")).append("'\n");
                indent = "    ";
            }
        }
        return Files.writeString(Files.createTempFile(directory, "accounts-", ".yaml"), yaml);
    }
}
