package io.mailbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Counts the IMAP commands a client sent, from Angus' protocol trace (java.util.logging, logger
 * {@code org.eclipse.angus.mail.imap.protocol} at FINEST). Angus never pipelines: every tagged command is one
 * round trip to the server.
 */
final class ProtocolTrace {

    private static final Pattern TAGGED = Pattern.compile("^([A-Z]+\\d+) (\\S+)(?: (\\S+))?");

    /** Commands by verb ({@code UID FETCH}, {@code NOOP}, ...) and, under {@code *round trips}, the total. */
    record Counts(Map<String, Integer> commands, int roundTrips) {
    }

    private ProtocolTrace() {
    }

    /** The JUL configuration that writes the trace of every IMAP connection of a JVM to {@code traceFile}. */
    static Path loggingConfig(Path directory, Path traceFile) throws IOException {
        Path config = directory.resolve("trace-logging.properties");
        Files.createDirectories(directory);
        Files.writeString(config, String.join("\n",
                "handlers=java.util.logging.FileHandler",
                "java.util.logging.FileHandler.pattern=" + traceFile.toString().replace("\\", "/"),
                "java.util.logging.FileHandler.level=ALL",
                "java.util.logging.FileHandler.limit=0",
                "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
                "java.util.logging.SimpleFormatter.format=%5$s%n",
                ".level=WARNING",
                "org.eclipse.angus.mail.level=FINEST",
                "jakarta.mail.level=FINEST",
                // Angus names a store's logger after its class's package: mailbridge's own IMAPStore subclass
                "io.mailbridge.imap.level=FINEST", ""));
        return config;
    }

    static Counts count(Path traceFile) throws IOException {
        Map<String, Integer> commands = new TreeMap<>();
        int completions = 0;
        try (Stream<String> lines = Files.lines(traceFile, StandardCharsets.ISO_8859_1)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher tagged = TAGGED.matcher(line);
                if (!tagged.find()) {
                    continue;
                }
                String verb = tagged.group(2);
                if (List.of("OK", "NO", "BAD").contains(verb)) {
                    completions++;
                    continue;
                }
                if (verb.equals("UID") && tagged.group(3) != null) {
                    verb = "UID " + tagged.group(3);
                }
                commands.merge(verb, 1, Integer::sum);
            }
        }
        return new Counts(commands, completions);
    }
}
