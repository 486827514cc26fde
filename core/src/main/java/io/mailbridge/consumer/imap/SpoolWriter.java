package io.mailbridge.consumer.imap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A spool file being filled block by block; {@link #finish()} hands it over, {@link #close()} alone deletes it. */
final class SpoolWriter implements AutoCloseable {

    private final Path file;
    private final OutputStream out;
    private long size;
    private boolean finished;

    SpoolWriter(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        size += length;
    }

    long size() {
        return size;
    }

    SpooledMessage finish() throws IOException {
        out.close();
        finished = true;
        return SpooledMessage.onDisk(file);
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            out.close();
            Files.deleteIfExists(file);
        }
    }
}
