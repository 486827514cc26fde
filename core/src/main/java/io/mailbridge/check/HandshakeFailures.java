package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.EOFException;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Explains a failed TLS handshake from the JDK's exception and the chain the server presented: expired, not yet
 * valid, for another host name, revoked, not trusted, or not TLS at all.
 */
final class HandshakeFailures {

    private final Account account;
    private final List<X509Certificate> chain;

    HandshakeFailures(Account account, List<X509Certificate> chain) {
        this.account = account;
        this.chain = chain;
    }

    String explain(IOException e) {
        String where = account.host() + ":" + account.port();
        if (Causes.find(e, CertificateExpiredException.class).isPresent()
                || reason(e, CertPathValidatorException.BasicReason.EXPIRED)) {
            return expired(e);
        }
        if (Causes.find(e, CertificateNotYetValidException.class).isPresent()
                || reason(e, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
            return "TLS: certificate for " + account.host() + " is not valid yet"
                    + (chain.isEmpty() ? "" : " (valid from " + Certificates.notBefore(chain.get(0)) + ")")
                    + "; check the clock of this computer";
        }
        if (message(e).startsWith("No subject alternative") || message(e).startsWith("No name matching")) {
            return chain.isEmpty() ? "TLS: certificate does not name " + account.host() + " (" + message(e) + ")"
                    : "TLS: certificate is for " + String.join(", ", Certificates.names(chain.get(0))) + ", not "
                    + account.host() + "; set host to a name the certificate lists";
        }
        if (reason(e, CertPathValidatorException.BasicReason.REVOKED)) {
            return "TLS: certificate for " + account.host() + " has been revoked by its issuer";
        }
        if (untrusted(e)) {
            return untrusted();
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("Unsupported or unrecognized SSL message")) {
            return "TLS: the server at " + where + " does not speak TLS; with ssl: true the port must be an imaps"
                    + " port (usually 993); for a plain IMAP port (143) set ssl: false to use STARTTLS";
        }
        if (text.contains("Remote host terminated") || Causes.find(e, EOFException.class).isPresent()) {
            return "TLS: the server at " + where + " closed the connection during the handshake; it may offer"
                    + " no TLS version or cipher this Java accepts, or the port is not an IMAP port";
        }
        return "TLS: handshake with " + where + " failed: " + text;
    }

    private String expired(IOException e) {
        Optional<X509Certificate> expired = Certificates.firstExpired(chain);
        if (expired.isEmpty()) {
            return "TLS: certificate for " + account.host() + " has expired (" + message(e) + ")";
        }
        X509Certificate certificate = expired.get();
        if (certificate == chain.get(0)) {
            return "TLS: certificate for " + account.host() + " expired on " + Certificates.notAfter(certificate)
                    + "; the server's administrator must renew it";
        }
        return "TLS: the certificate of '" + Certificates.issuer(chain.get(0)) + "', which issued the certificate for "
                + account.host() + ", expired on " + Certificates.notAfter(certificate)
                + "; the server's administrator must renew the chain";
    }

    private String untrusted() {
        String issuer = chain.isEmpty() ? "" : " (issued by '" + Certificates.issuer(chain.get(0)) + "'"
                + (Certificates.selfSigned(chain.get(0)) ? ", self-signed" : "") + ")";
        String expiry = Certificates.firstExpired(chain)
                .map(certificate -> "; note it also expired on " + Certificates.notAfter(certificate)).orElse("");
        String remedy = account.trustStore()
                .map(path -> "trust store '" + path + "' does not hold the CA that issued it;"
                        + " add its CA with trustStore")
                .orElse("no CA this Java trusts issued it; if the server is yours, add its CA with trustStore"
                        + " (a PKCS12 file) in the accounts file");
        return "TLS: certificate for " + account.host() + issuer + " is not trusted: " + remedy + expiry;
    }

    private static boolean untrusted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    private static boolean reason(Throwable e, CertPathValidatorException.BasicReason reason) {
        return Causes.find(e, CertPathValidatorException.class).map(CertPathValidatorException::getReason)
                .filter(reason::equals).isPresent();
    }

    /** The message of the innermost cause, where the JDK says what exactly failed. */
    private static String message(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return String.valueOf(innermost.getMessage());
    }
}
