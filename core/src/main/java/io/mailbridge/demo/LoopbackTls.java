package io.mailbridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocketFactory;

/** The loopback-only TLS material on the classpath: the server's key and the clients' trust store. */
final class LoopbackTls {

    static final String PASSWORD = "changeit";

    private static final String SERVER_KEYSTORE = "tls/localhost.p12";
    private static final String TRUST_STORE = "tls/localhost-trust.p12";

    private LoopbackTls() {
    }

    /** Built from the keystore in memory, so GreenMail's global {@code greenmail.tls.*} properties stay untouched. */
    static SSLServerSocketFactory serverSocketFactory() {
        try (InputStream in = resource(SERVER_KEYSTORE)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context.getServerSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the server keystore '" + SERVER_KEYSTORE + "'", e);
        }
    }

    static Path copyTrustStore() {
        try (InputStream in = resource(TRUST_STORE)) {
            Path file = Files.createTempFile("mailbridge-localhost-trust-", ".p12");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the trust store '" + TRUST_STORE + "' to a temporary file", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = LoopbackTls.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("classpath resource '" + name + "' is missing");
        }
        return in;
    }
}
