package io.mailbridge.check;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** What a person needs to know about a server certificate: the names it is for, who issued it, its dates. */
final class Certificates {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private Certificates() {
    }

    /** The host names and addresses the certificate is for: its subject alternative names, else its CN. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    Object type = alternative.get(0);
                    if (type instanceof Integer kind && (kind == SAN_DNS || kind == SAN_IP)) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            // fall back to the common name
        }
        if (names.isEmpty()) {
            commonName(certificate.getSubjectX500Principal()).ifPresent(names::add);
        }
        return names;
    }

    /** The issuer as people know it: its CN, else its whole distinguished name. */
    static String issuer(X509Certificate certificate) {
        X500Principal issuer = certificate.getIssuerX500Principal();
        return commonName(issuer).orElse(issuer.getName(X500Principal.RFC2253));
    }

    static boolean selfSigned(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
    }

    static LocalDate notAfter(X509Certificate certificate) {
        return day(certificate.getNotAfter());
    }

    static LocalDate notBefore(X509Certificate certificate) {
        return day(certificate.getNotBefore());
    }

    /** The first certificate of the chain, leaf first, that has expired by now. */
    static Optional<X509Certificate> firstExpired(List<X509Certificate> chain) {
        Date now = new Date();
        return chain.stream().filter(certificate -> certificate.getNotAfter().before(now)).findFirst();
    }

    private static LocalDate day(Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Optional<String> commonName(X500Principal principal) {
        try {
            for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException unparseable) {
            // no common name to show
        }
        return Optional.empty();
    }
}
