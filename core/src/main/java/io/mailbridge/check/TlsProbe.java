package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** The TLS step: a handshake over a connected socket with the account's trust and host name verification. */
final class TlsProbe {

    private static final int EXPIRY_WARNING_DAYS = 30;

    private final Account account;
    private final Secrets secrets;
    private RecordingTrust trust;
    private StepFailure unusableTrust;

    TlsProbe(Account account, Secrets secrets) {
        this.account = account;
        this.secrets = secrets;
    }

    /**
     * Loads the trust store before the connection is made, so reading it does not count against the server's
     * authentication timeout; a trust store that cannot be loaded is reported by the TLS step.
     */
    void prepare() {
        try {
            trust = RecordingTrust.of(account, secrets.trustStorePassword());
        } catch (StepFailure failure) {
            unusableTrust = failure;
        }
    }

    /** Layers TLS over the socket; returns the TLS socket, or explains why the server's certificate is refused. */
    SSLSocket handshake(Socket plain, Deadline deadline) throws StepFailure {
        if (trust == null && unusableTrust == null) {
            prepare();
        }
        if (unusableTrust != null) {
            throw unusableTrust;
        }
        try {
            SSLSocket tls = (SSLSocket) trust.context().getSocketFactory()
                    .createSocket(plain, account.host(), account.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new StepFailure(Diagnoses.authenticationTimeout(deadline.timeout(),
                        "the TLS handshake did not finish in time"), e);
            }
            throw new StepFailure(new HandshakeFailures(account, trust.chain()).explain(e), e);
        }
    }

    /** What a person wants to know of a good handshake: protocol, names, issuer, and an expiry coming soon. */
    String describe(SSLSocket tls) {
        String protocol = tls.getSession().getProtocol();
        List<X509Certificate> chain = trust.chain();
        if (chain.isEmpty()) {
            return protocol;
        }
        X509Certificate leaf = chain.get(0);
        LocalDate notAfter = Certificates.notAfter(leaf);
        long daysLeft = ChronoUnit.DAYS.between(LocalDate.now(ZoneOffset.UTC), notAfter);
        return protocol + ", certificate for " + String.join(", ", Certificates.names(leaf))
                + " issued by " + Certificates.issuer(leaf) + ", valid until " + notAfter
                + (daysLeft < 0 ? " (already expired)"
                : daysLeft < EXPIRY_WARNING_DAYS ? " (expires in " + daysLeft + " days)" : "");
    }
}
