package io.mailbridge.consumer.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes each retrieved message's raw RFC 822 bytes to a file in a directory of its own per consumer, so it is
 * fetched once and parsed from memory (small messages) or from disk (large ones).
 */
public final class RawMessageSpool {

    public static final String BEAN = "mailbridgeRawMessageSpool";

    private final Path directory;

    public RawMessageSpool(Path directory) {
        this.directory = directory;
    }

    /**
     * Spools message {@code uid} of {@code owner} (a consumer: one message per UID at a time) held whole in memory;
     * it is parsed from {@code bytes}, which must not change.
     */
    SpooledMessage write(String owner, long uid, byte[] bytes, int offset, int length) throws IOException {
        Path file = file(owner, uid);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return SpooledMessage.inMemory(file, bytes, offset, length);
    }

    /** Starts spooling message {@code uid} of {@code owner} that arrives in blocks; it is parsed from the file. */
    SpoolWriter open(String owner, long uid) throws IOException {
        return new SpoolWriter(file(owner, uid));
    }

    private Path file(String owner, long uid) throws IOException {
        Path ownerDirectory = directory.resolve(owner);
        if (!Files.isDirectory(ownerDirectory)) {
            Files.createDirectories(ownerDirectory);
        }
        return ownerDirectory.resolve("uid-" + uid + ".eml");
    }
}
