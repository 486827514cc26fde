package io.mailbridge.message;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Measures the warm CPU time of parsing and mapping one message, for a small text message and one with a 1 MiB
 * attachment, each parsed from a byte array and from a spool file. Not a test: run its {@code main}.
 *
 * <p>Run (in {@code core/}): {@code mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt && java -cp
 * target/test-classes:target/classes:$(cat cp.txt) io.mailbridge.message.MappingCost}.
 * {@code -Dshapes=small} or {@code -Dshapes=attachment} measures one shape only; {@code -Dsave=<file>} writes the
 * figures; {@code -Dbaseline=<file>} prints each figure's ratio to a saved run.
 */
public final class MappingCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MailSource SOURCE = new MailSource("bench", "INBOX", 1, 1, Instant.EPOCH, 0);

    private MappingCost() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("mapping-cost");
        MailMessageMapper mapper = new MailMessageMapper(new AttachmentStore(work.resolve("attachments")));
        Session session = MimeParsing.session();
        Properties figures = new Properties();
        String shapes = System.getProperty("shapes", "small,attachment");
        if (shapes.contains("small")) {
            measure("small", smallMessage(), 20_000, work, session, mapper, figures);
        }
        if (shapes.contains("attachment")) {
            measure("attachment", attachmentMessage(), 300, work, session, mapper, figures);
        }
        report(figures);
    }

    private static void measure(String shape, byte[] raw, int rounds, Path work, Session session,
                                MailMessageMapper mapper, Properties figures) throws Exception {
        Path file = Files.write(work.resolve(shape + ".eml"), raw);
        try (SharedFileInputStream spool = new SharedFileInputStream(file.toFile())) {
            Map<String, Source> sources = new LinkedHashMap<>();
            sources.put("bytes", () -> new MimeMessage(session, new SharedByteArrayInputStream(raw)));
            sources.put("file", () -> new MimeMessage(session, spool.newStream(0, -1)));
            for (Map.Entry<String, Source> source : sources.entrySet()) {
                Source parse = source.getValue();
                for (int pass = 0; pass < 2; pass++) {
                    long parseNanos = 0;
                    long mapNanos = 0;
                    for (int i = 0; i < rounds; i++) {
                        long start = THREADS.getCurrentThreadCpuTime();
                        MimeMessage message = parse.open();
                        long parsed = THREADS.getCurrentThreadCpuTime();
                        mapper.map(SOURCE, message);
                        long mapped = THREADS.getCurrentThreadCpuTime();
                        parseNanos += parsed - start;
                        mapNanos += mapped - parsed;
                    }
                    if (pass == 1) {
                        String key = shape + "." + source.getKey();
                        figures.setProperty(key + ".parse", ms(parseNanos, rounds));
                        figures.setProperty(key + ".map", ms(mapNanos, rounds));
                        figures.setProperty(key + ".total", ms(parseNanos + mapNanos, rounds));
                    }
                }
            }
        }
        System.out.printf("%s message: %,d bytes%n", shape, raw.length);
    }

    private static void report(Properties figures) throws IOException {
        Properties baseline = new Properties();
        String baselineFile = System.getProperty("baseline");
        if (baselineFile != null) {
            try (InputStream in = Files.newInputStream(Path.of(baselineFile))) {
                baseline.load(in);
            }
        }
        figures.stringPropertyNames().stream().sorted().forEach(key -> {
            String before = baseline.getProperty(key);
            String ratio = before == null ? ""
                    : String.format("  (before %s ms, %.1fx less)", before,
                    Double.parseDouble(before) / Double.parseDouble(figures.getProperty(key)));
            System.out.printf("%-28s %10s ms CPU per message%s%n", key, figures.getProperty(key), ratio);
        });
        String save = System.getProperty("save");
        if (save != null) {
            try (var out = Files.newOutputStream(Path.of(save))) {
                figures.store(out, "MappingCost");
            }
        }
    }

    private static String ms(long nanos, int rounds) {
        return String.format(Locale.ROOT, "%.4f", nanos / 1e6 / rounds);
    }

    private static byte[] smallMessage() {
        String body = "Hello Bob,\r\n\r\n" + "the quarterly numbers are attached to the ticket; please review them. \r\n".repeat(7)
                + "-- \r\nAlice\r\n";
        return (headers() + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] attachmentMessage() {
        byte[] attachment = new byte[1024 * 1024];
        new Random(1).nextBytes(attachment);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return (headers() + "Content-Type: multipart/mixed; boundary=\"=_boundary_42\"\r\n\r\n"
                + "--=_boundary_42\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe numbers, attached.\r\n"
                + "--=_boundary_42\r\nContent-Type: application/octet-stream; name=\"numbers.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"numbers.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--=_boundary_42--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String headers() {
        return "Return-Path: <alice@example.org>\r\n"
                + "Received: from mail.example.org (mail.example.org [192.0.2.1])\r\n\tby mx.example.net with ESMTPS;"
                + " Fri, 27 Nov 2026 10:15:31 +0000\r\n"
                + "Message-ID: <numbers-1@example.org>\r\n"
                + "Date: Fri, 27 Nov 2026 10:15:30 +0000\r\n"
                + "From: Alice Example <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>, carol@example.net\r\n"
                + "Cc: \"Dave, the Boss\" <dave@example.com>\r\n"
                + "Subject: Quarterly numbers\r\n"
                + "MIME-Version: 1.0\r\n";
    }

    private interface Source {
        MimeMessage open() throws Exception;
    }
}
