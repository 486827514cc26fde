package io.mailbridge.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the shared delivery ledger lives ({@code mailbridge.ledger.jdbc.*}) and the name this node writes into it.
 * Holds no password: that is resolved from its placeholder at each connect.
 */
public record LedgerSettings(String url, String user, int poolSize, Duration connectTimeout, String schema,
                             String tablePrefix, String node) {

    public static final String URL = "mailbridge.ledger.jdbc.url";
    public static final String USER = "mailbridge.ledger.jdbc.user";
    public static final String PASSWORD = "mailbridge.ledger.jdbc.password";
    public static final String POOL_SIZE = "mailbridge.ledger.jdbc.poolSize";
    public static final String CONNECT_TIMEOUT = "mailbridge.ledger.jdbc.connectTimeoutSeconds";
    public static final String SCHEMA = "mailbridge.ledger.jdbc.schema";
    public static final String TABLE_PREFIX = "mailbridge.ledger.jdbc.tablePrefix";
    public static final String NODE = "mailbridge.node";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,40}");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&]*");

    public LedgerSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(URL + " must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db.example.com:5432/mailbridge, was " + (url == null ? "missing" : "'"
                    + withoutPassword(url) + "'"));
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException(POOL_SIZE + " must be a whole number from 1 to 200, was " + poolSize);
        }
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT + " must be at least 0.25 seconds, was "
                    + connectTimeout.toMillis() / 1000.0);
        }
        if (!schema.isEmpty() && !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(SCHEMA + " must be empty or a lower-case SQL name ([a-z_][a-z0-9_]*),"
                    + " was '" + schema + "'");
        }
        if (!tablePrefix.isEmpty() && !IDENTIFIER.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException(TABLE_PREFIX + " must be empty or a lower-case SQL name"
                    + " ([a-z_][a-z0-9_]*), was '" + tablePrefix + "'");
        }
    }

    /** The settings as the properties say, with the defaults for those they leave out. */
    public static LedgerSettings read(Function<String, Optional<String>> properties) {
        return new LedgerSettings(
                properties.apply(URL).orElse(null),
                properties.apply(USER).orElse("mailbridge"),
                whole(properties, POOL_SIZE, "8"),
                Duration.ofMillis(Math.round(number(properties, CONNECT_TIMEOUT, "5").doubleValue() * 1000)),
                properties.apply(SCHEMA).orElse("").trim(),
                properties.apply(TABLE_PREFIX).orElse("mailbridge_").trim(),
                properties.apply(NODE).filter(name -> !name.isBlank()).orElseGet(LedgerSettings::hostName));
    }

    /** The settings as they may be shown: a password written into the URL is masked. */
    @Override
    public String toString() {
        return "LedgerSettings[url=" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize + ", connectTimeout="
                + connectTimeout + ", schema=" + schema + ", tablePrefix=" + tablePrefix + ", node=" + node + "]";
    }

    /** The URL as it may be shown: a password written into it is masked. */
    public String safeUrl() {
        return withoutPassword(url);
    }

    static String withoutPassword(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1xxxxx");
    }

    private static int whole(Function<String, Optional<String>> properties, String key, String fallback) {
        String text = properties.apply(key).orElse(fallback).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + text + "'", e);
        }
    }

    private static Number number(Function<String, Optional<String>> properties, String key, String fallback) {
        String text = properties.apply(key).orElse(fallback).trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + text + "'", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
