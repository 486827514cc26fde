package io.mailbridge.message;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus of real-world MIME messages, mapped as production does: parsed lazily from the file. */
final class RealWorldCorpus {

    static final Path ROOT = Path.of("..", "shared", "corpus", "real-world-mime");

    private RealWorldCorpus() {
    }

    /** Every message file of the corpus (all files but its README and LICENSE), skipping tests when it is absent. */
    static List<Path> messages() throws IOException {
        assumePresent();
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !List.of("README.md", "LICENSE").contains(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    static MailMessage map(String file, AttachmentStore store) throws Exception {
        assumePresent();
        return map(ROOT.resolve(file), store);
    }

    static MailMessage map(Path file, AttachmentStore store) throws Exception {
        assumePresent();
        try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
            MimeMessage message = new MimeMessage(MimeParsing.session(), in);
            MailSource source = new MailSource("corpus", "INBOX", 1, 1, null, Files.size(file));
            return new MailMessageMapper(store).map(source, message);
        }
    }

    private static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(ROOT), "real-world MIME corpus not found at " + ROOT.toAbsolutePath());
    }
}
