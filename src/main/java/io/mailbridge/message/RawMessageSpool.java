package io.mailbridge.message;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each retrieved message's raw RFC 822 bytes to a file, so it is fetched once and parsed from disk. */
public final class RawMessageSpool {

    public static final String BEAN = "mailbridgeRawMessageSpool";

    private final Path directory;

    public RawMessageSpool(Path directory) {
        this.directory = directory;
    }

    public SpooledMessage write(String account, Message message) throws IOException, MessagingException {
        Path accountDirectory = Files.createDirectories(directory.resolve(account));
        Path file = Files.createTempFile(accountDirectory, "message-", ".eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            message.writeTo(out);
        } catch (IOException | MessagingException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledMessage(file);
    }
}
