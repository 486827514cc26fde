package io.mailbridge.imap;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts that trust an account's trust store (PKCS12 or JKS), or the JDK's default trust without one. */
final class TrustStores {

    private TrustStores() {
    }

    static SSLContext context(Account account, char[] trustStorePassword) {
        Path path = account.trustStore().orElse(null);
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(path == null ? null : KeyStore.getInstance(path.toFile(), trustStorePassword));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            String what = path == null ? "the default trust store" : "trust store '" + path + "'";
            throw new IllegalArgumentException("account '" + account.name() + "': cannot load " + what, e);
        }
    }
}
