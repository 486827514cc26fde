package io.mailbridge.imap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The loopback TLS material under src/main/resources/tls: the server's key and the client's trust store. */
final class TestTls {

    static final String PASSWORD = "changeit";

    private TestTls() {
    }

    static char[] password() {
        return PASSWORD.toCharArray();
    }

    static Path keyStore() {
        return resource("/tls/localhost.p12");
    }

    static Path trustStore() {
        return resource("/tls/localhost-trust.p12");
    }

    /** A server-side context presenting the localhost certificate. */
    static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore())) {
            keys.load(in, password());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    private static Path resource(String name) {
        try {
            return Path.of(TestTls.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + name, e);
        }
    }
}
