package io.mailbridge.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Dovecot instance bench/run.sh started: where it listens, the password of every bench user, the trust store
 * with its self-signed certificate, and the root of the users' Maildirs.
 */
record Server(String host, int port, String password, Path trustStore, String trustStorePassword, Path mailRoot) {

    static Server from(Options options) {
        return new Server(options.get("host", "127.0.0.1"), options.integer("port"), options.get("password"),
                options.path("trust-store"), options.get("trust-store-password"), options.path("mail-root"));
    }

    Map<String, Object> asOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("host", host);
        options.put("port", port);
        options.put("password", password);
        options.put("trust-store", trustStore);
        options.put("trust-store-password", trustStorePassword);
        options.put("mail-root", mailRoot);
        return options;
    }
}
