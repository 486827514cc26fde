package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static io.mailbridge.message.MailFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentStoreTest {

    private static final long THIRTY_MIB = 30L * 1024 * 1024;

    @TempDir
    Path directory;

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void stores_the_same_content_once_under_the_same_hash() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        byte[] content = "same bytes".getBytes(StandardCharsets.US_ASCII);

        StoredContent first = store.store(new ByteArrayInputStream(content));
        StoredContent second = store.store(new ByteArrayInputStream(content));

        assertThat(second).isEqualTo(first).isEqualTo(new StoredContent(sha256(content), content.length));
        assertThat(files()).containsExactly(directory.resolve(first.sha256().substring(0, 2)).resolve(first.sha256()));
    }

    @Test
    void streams_a_30_mib_attachment_with_the_right_size_and_sha256() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream generated = new DigestInputStream(new GeneratedStream(THIRTY_MIB), expected)) {
            generated.transferTo(OutputStream.nullOutputStream());
        }

        StoredContent stored = store.store(new GeneratedStream(THIRTY_MIB));

        assertThat(stored).isEqualTo(new StoredContent(HexFormat.of().formatHex(expected.digest()), THIRTY_MIB));
        assertThat(store.path(stored.sha256())).hasSize(THIRTY_MIB);
    }

    @Test
    void opens_stored_content_by_its_hash() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        StoredContent stored = store.store(new ByteArrayInputStream(new byte[] {1, 2, 3}));

        try (InputStream in = store.open(stored.sha256())) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void names_the_hash_when_the_content_is_missing() {
        String missing = "ab".repeat(32);

        assertThatThrownBy(() -> new AttachmentStore(directory).open(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no attachment with sha256 " + missing)
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void rejects_a_hash_that_could_leave_the_store() {
        assertThatThrownBy(() -> new AttachmentStore(directory).path("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../etc/passwd");
    }

    @Test
    void leaves_no_temporary_file_when_the_stream_fails() throws Exception {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[1000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });

        assertThatThrownBy(() -> new AttachmentStore(directory).store(failing)).hasMessage("connection reset");
        assertThat(files()).isEmpty();
    }

    /** A deterministic stream of {@code size} bytes that is generated as it is read, never held in memory. */
    private static final class GeneratedStream extends InputStream {

        private final long size;
        private long position;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 % 251) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = (byte) (position++ * 31 % 251);
            }
            return count;
        }
    }
}
