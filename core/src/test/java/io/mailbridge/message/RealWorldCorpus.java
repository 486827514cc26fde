package io.mailbridge.message;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The vendored corpus of real-world MIME messages, mapped as production does: parsed lazily from the file. */
final class RealWorldCorpus {

    static final Path ROOT = Path.of("src", "test", "resources", "corpus", "real-world-mime");

    private RealWorldCorpus() {
    }

    /** Every message file of the corpus (all files but its README and LICENSE). */
    static List<Path> messages() throws IOException {
        requirePresent();
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !List.of("README.md", "LICENSE").contains(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    static MailMessage map(String file, AttachmentStore store) throws Exception {
        return map(requirePresent().resolve(file), store);
    }

    static MailMessage map(Path file, AttachmentStore store) throws Exception {
        try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
            MimeMessage message = new MimeMessage(MimeParsing.session(), in);
            MailSource source = new MailSource("corpus", "INBOX", 1, 1, null, Files.size(file));
            return new MailMessageMapper(store).map(source, message);
        }
    }

    /** The corpus ships with the sources: without it the tests would pass having checked nothing. */
    static Path requirePresent() {
        if (!Files.isDirectory(ROOT)) {
            throw new IllegalStateException("real-world MIME corpus not found at " + ROOT.toAbsolutePath()
                    + "; run the tests from the project folder");
        }
        return ROOT;
    }
}
