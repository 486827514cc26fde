package io.mailbridge.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content-addressed store on disk: bytes live at {@code <directory>/<first 2 hex>/<sha256 hex>}, once per content.
 *
 * <p>Content is streamed through a fixed buffer into a temporary file in the store's directory and then moved into
 * place atomically, so a reader never sees a half-written file and large attachments never sit in the heap.
 */
public final class AttachmentStore {

    public static final String BEAN = "mailbridgeAttachmentStore";

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;

    public AttachmentStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public StoredContent store(InputStream in) throws IOException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, ".incoming-", ".tmp");
        try {
            MessageDigest digest = sha256();
            long size = copy(in, temp, digest);
            String hash = HexFormat.of().formatHex(digest.digest());
            moveIntoPlace(temp, path(hash));
            return new StoredContent(hash, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public Path path(String sha256) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: '" + sha256 + "'");
        }
        return directory.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public InputStream open(String sha256) throws IOException {
        Path path = path(sha256);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            NoSuchFileException missing = new NoSuchFileException(path.toString(), null,
                    "no attachment with sha256 " + sha256 + " in " + directory);
            missing.initCause(e);
            throw missing;
        }
    }

    private static long copy(InputStream in, Path target, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                size += read;
            }
        }
        return size;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException concurrentlyStored) {
            // another thread stored the same content first; its file has exactly our bytes
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
