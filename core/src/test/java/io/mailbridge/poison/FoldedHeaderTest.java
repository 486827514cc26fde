package io.mailbridge.poison;

import io.mailbridge.message.AttachmentStore;
import io.mailbridge.message.MailMessage;
import io.mailbridge.message.MailMessageMapper;
import io.mailbridge.message.MailSource;
import io.mailbridge.message.MimeParsing;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;

import static io.mailbridge.poison.RawMail.crlf;
import static io.mailbridge.poison.RawMail.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A recipient list folded onto 100,000 lines, mapped directly rather than through {@link PoisonMailboxTest}'s
 * mailbox: GreenMail itself needs minutes to build the IMAP envelope of such a message.
 */
class FoldedHeaderTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void a_cc_header_folded_100000_times_maps_in_seconds_not_minutes() {
        assumeTrue(THREADS.isCurrentThreadCpuTimeSupported(), "thread CPU time is not measurable here");
        byte[] raw = crlf(headers("Broken: 100000 recipients, one per line", "folded-recipients",
                "Cc: " + BrokenMail.recipients(100_000, ",\n ")) + "Content-Type: text/plain\n\nTo everyone.\n");
        MailSource source = new MailSource("poison", "INBOX", 1, 1, null, raw.length);

        // CPU time, not wall time, tells linear from quadratic on a busy machine: about 2 s against 45 s
        long[] cpuNanos = new long[1];
        MailMessage message = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long before = THREADS.getCurrentThreadCpuTime();
            MailMessage mapped = new MailMessageMapper(new AttachmentStore(dir))
                    .map(source, new MimeMessage(MimeParsing.session(), new SharedByteArrayInputStream(raw)));
            cpuNanos[0] = THREADS.getCurrentThreadCpuTime() - before;
            return mapped;
        });

        assertThat(message.cc()).hasSize(100_000).last().extracting("address").isEqualTo("rcpt99999@example.com");
        assertThat(Duration.ofNanos(cpuNanos[0])).isLessThan(Duration.ofSeconds(10));
    }
}
