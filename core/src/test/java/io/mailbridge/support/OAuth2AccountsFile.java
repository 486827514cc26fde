package io.mailbridge.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an accounts file of {@code auth: oauth2} accounts that log in to an {@link OAuth2Dovecot}. */
public final class OAuth2AccountsFile {

    private final OAuth2Dovecot dovecot;
    private final List<Map<String, String>> accounts = new ArrayList<>();

    public OAuth2AccountsFile(OAuth2Dovecot dovecot) {
        this.dovecot = dovecot;
    }

    /** An account; {@code oauth2} is the block's fields, written as a YAML flow map; {@code fields} extra ones. */
    public OAuth2AccountsFile account(String name, String user, Map<String, String> oauth2, String... fields) {
        Map<String, String> account = new LinkedHashMap<>();
        account.put("name", name);
        account.put("username", user);
        account.put("auth", "oauth2");
        List<String> block = new ArrayList<>();
        oauth2.forEach((key, value) -> block.add(key + ": " + AccountsFile.quoted(value)));
        account.put("oauth2", "{" + String.join(", ", block) + "}");
        account.put("host", dovecot.host());
        account.put("port", String.valueOf(dovecot.port()));
        account.put("pollInterval", "0.5");
        account.put("start", "all");
        account.put("retryDelay", "0.2");
        account.put("trustStore", AccountsFile.quoted(dovecot.trustStore().toString()));
        account.put("trustStorePassword", AccountsFile.quoted(dovecot.trustStorePassword()));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            account.put(fields[i], fields[i + 1]);
        }
        accounts.add(account);
        return this;
    }

    public static Map<String, String> google(String clientId, String clientSecret, String refreshToken, String tokenUrl) {
        Map<String, String> block = new LinkedHashMap<>();
        block.put("provider", "google");
        block.put("clientId", clientId);
        block.put("clientSecret", clientSecret);
        block.put("refreshToken", refreshToken);
        block.put("tokenUrl", tokenUrl);
        return block;
    }

    public static Map<String, String> microsoft(String clientId, String clientSecret, String tenant, String tokenUrl) {
        Map<String, String> block = new LinkedHashMap<>();
        block.put("provider", "microsoft");
        block.put("clientId", clientId);
        block.put("clientSecret", clientSecret);
        block.put("tenant", tenant);
        block.put("tokenUrl", tokenUrl);
        return block;
    }

    public Path writeTo(Path directory) {
        return AccountsFile.write(accounts, directory);
    }
}
