package io.mailbridge.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A test CA, made with the JDK's keytool at test time, that issues server certificates with chosen dates and names. */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private final Path dir;
    private final Path caKeyStore;
    private final Path caCertificate;
    private final Path trustStore;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caKeyStore = dir.resolve("ca.p12");
        this.caCertificate = dir.resolve("ca.pem");
        this.trustStore = dir.resolve("trust.p12");
    }

    /** A new CA named {@code mailbridge test CA}, valid for ten years, and a trust store holding it. */
    static TestCertificates newCa(Path dir) throws IOException, InterruptedException {
        TestCertificates ca = new TestCertificates(dir);
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=mailbridge test CA", "-ext", "bc:c", "-validity", "3650",
                "-keystore", ca.caKeyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-exportcert", "-alias", "ca", "-keystore", ca.caKeyStore.toString(), "-storepass", PASSWORD,
                "-rfc", "-file", ca.caCertificate.toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", ca.caCertificate.toString(),
                "-keystore", ca.trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return ca;
    }

    /** A PKCS12 trust store holding the CA. */
    Path trustStore() {
        return trustStore;
    }

    /**
     * A server key store whose certificate this CA issued.
     *
     * @param startDate    keytool's {@code -startdate}, e.g. {@code -400d}; null for now
     * @param validityDays how long the certificate is valid from its start date
     * @param names        keytool's {@code san} extension, e.g. {@code dns:imap.example.com,ip:127.0.0.1}; the
     *                     first name is also the CN
     */
    Path issue(String file, String startDate, int validityDays, String names) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(file + ".p12");
        Path request = dir.resolve(file + ".csr");
        Path certificate = dir.resolve(file + ".pem");
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + names.split(",")[0].split(":")[1], "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-certreq", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", request.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", caKeyStore.toString(),
                "-storepass", PASSWORD, "-infile", request.toString(), "-outfile", certificate.toString(), "-rfc",
                "-validity", String.valueOf(validityDays), "-ext", "san=" + names));
        if (startDate != null) {
            gencert.addAll(List.of("-startdate", startDate));
        }
        keytool(dir, gencert.toArray(String[]::new));
        return withChain(keyStore, certificate);
    }

    /** A server-side TLS context presenting the key store's certificate with its chain. */
    static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore keys = load(keyStore);
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    /** Puts the issued certificate and the CA's in front of the key, as keytool's cert reply import would, in-process. */
    private Path withChain(Path keyStore, Path issued) throws IOException {
        try {
            KeyStore keys = load(keyStore);
            Key key = keys.getKey("server", PASSWORD.toCharArray());
            keys.setKeyEntry("server", key, PASSWORD.toCharArray(),
                    new Certificate[] {certificate(issued), certificate(caCertificate)});
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                keys.store(out, PASSWORD.toCharArray());
            }
            return keyStore;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot put the issued certificate into " + keyStore, e);
        }
    }

    private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static KeyStore load(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    private static void keytool(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                // a short-lived JVM: skip the optimising compiler, it only costs start-up time here
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
