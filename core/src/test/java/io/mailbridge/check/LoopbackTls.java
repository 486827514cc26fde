package io.mailbridge.check;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The loopback certificate under src/main/resources/tls (CN=localhost, SAN 127.0.0.1) for scripted servers. */
final class LoopbackTls {

    static final String PASSWORD = "changeit";

    private LoopbackTls() {
    }

    static Path keyStore() {
        return resource("/tls/localhost.p12");
    }

    static Path trustStore() {
        return resource("/tls/localhost-trust.p12");
    }

    /** Adds an account that trusts the loopback certificate. */
    static AccountsYaml trusting(AccountsYaml accounts, String name, int port, String... fields) {
        String[] all = new String[fields.length + 4];
        all[0] = "trustStore";
        all[1] = trustStore().toString();
        all[2] = "trustStorePassword";
        all[3] = PASSWORD;
        System.arraycopy(fields, 0, all, 4, fields.length);
        return accounts.account(name, port, all);
    }

    private static Path resource(String name) {
        try {
            return Path.of(LoopbackTls.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + name, e);
        }
    }
}
