package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The account's trust, built as the mail routes build it (its trust store, else the JDK's), that also keeps the
 * certificate chain the server presented, so a failed verification can be explained. It verifies exactly as the
 * JDK's trust manager does: the recording only looks.
 */
final class RecordingTrust {

    private final Recorder recorder;
    private final SSLContext context;

    private RecordingTrust(X509ExtendedTrustManager trust) throws GeneralSecurityException {
        this.recorder = new Recorder(trust);
        this.context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {recorder}, null);
    }

    static RecordingTrust of(Account account, char[] trustStorePassword) throws StepFailure {
        Path path = account.trustStore().orElse(null);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(path == null ? null : KeyStore.getInstance(path.toFile(), trustStorePassword));
            X509ExtendedTrustManager trust = Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
            return new RecordingTrust(trust);
        } catch (IOException | GeneralSecurityException e) {
            String what = path == null ? "the JDK's default trust store" : "trust store '" + path + "'";
            throw new StepFailure("TLS: cannot load " + what + ": " + e.getMessage()
                    + (path == null ? "" : "; check trustStore and trustStorePassword"), e);
        }
    }

    SSLContext context() {
        return context;
    }

    /** The chain of the last handshake, leaf first; empty when the server sent none. */
    List<X509Certificate> chain() {
        X509Certificate[] chain = recorder.chain;
        return chain == null ? List.of() : List.of(chain);
    }

    private static final class Recorder extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager trust;
        private volatile X509Certificate[] chain;

        Recorder(X509ExtendedTrustManager trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            this.chain = chain.clone();
            trust.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            this.chain = chain.clone();
            trust.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            this.chain = chain.clone();
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }
}
