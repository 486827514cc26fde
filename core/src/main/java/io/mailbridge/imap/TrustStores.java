package io.mailbridge.imap;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts that trust an account's trust store (PKCS12 or JKS), or the JDK's default trust without one. A
 * context is built once per JVM for the default trust and once per trust store file, password and file version:
 * a thousand accounts would otherwise load the same certificates a thousand times.
 */
final class TrustStores {

    private static final Map<Path, Loaded> LOADED = new ConcurrentHashMap<>();
    private static volatile SSLContext defaultTrust;

    /** A context and what it was built from; the password only as a digest, so no secret is kept here. */
    private record Loaded(FileTime modified, long size, byte[] passwordDigest, SSLContext context) {

        boolean isFor(FileTime otherModified, long otherSize, byte[] otherDigest) {
            return modified.equals(otherModified) && size == otherSize && Arrays.equals(passwordDigest, otherDigest);
        }
    }

    private TrustStores() {
    }

    static SSLContext context(Account account, char[] trustStorePassword) {
        Path path = account.trustStore().orElse(null);
        try {
            return path == null ? defaultTrust() : fromFile(path.toAbsolutePath().normalize(), trustStorePassword);
        } catch (IOException | GeneralSecurityException e) {
            String what = path == null ? "the default trust store" : "trust store '" + path + "'";
            throw new IllegalArgumentException("account '" + account.name() + "': cannot load " + what, e);
        }
    }

    private static SSLContext defaultTrust() throws GeneralSecurityException {
        SSLContext context = defaultTrust;
        if (context == null) {
            context = build(null);
            defaultTrust = context;
        }
        return context;
    }

    private static SSLContext fromFile(Path path, char[] password) throws IOException, GeneralSecurityException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        byte[] digest = digest(password);
        Loaded loaded = LOADED.get(path);
        if (loaded == null || !loaded.isFor(attributes.lastModifiedTime(), attributes.size(), digest)) {
            loaded = new Loaded(attributes.lastModifiedTime(), attributes.size(), digest,
                    build(KeyStore.getInstance(path.toFile(), password)));
            LOADED.put(path, loaded);
        }
        return loaded.context();
    }

    private static SSLContext build(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static byte[] digest(char[] password) throws GeneralSecurityException {
        if (password == null) {
            return null;
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes);
        Arrays.fill(bytes.array(), (byte) 0);
        return sha256.digest();
    }
}
