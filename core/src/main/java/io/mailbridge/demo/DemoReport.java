package io.mailbridge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Prints a table of the JSON files the demo's pipeline wrote, with each message's seen flag on the server. */
final class DemoReport {

    private static final String ROW = "%-4s %-5s %-28s %-46s %-11s %s%n";

    private final LoopbackMailServer server;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    DemoReport(LoopbackMailServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    void print(Path directory) throws IOException {
        String thisRun = server.uidValidity(DemoMail.ACCOUNT, "INBOX") + "-";
        List<Path> files = jsonFiles(directory).stream()
                .filter(file -> file.getFileName().toString().startsWith(thisRun)).toList();
        out.println();
        out.printf(ROW, "UID", "SEEN", "FROM", "SUBJECT", "ATTACHMENTS", "JSON");
        for (Path file : files) {
            JsonNode message = json.readTree(file.toFile());
            long uid = message.path("uid").asLong();
            out.printf(ROW, uid, server.isSeen(DemoMail.ACCOUNT, "INBOX", uid) ? "yes" : "no",
                    cut(message.path("from").path("address").asText(), 28),
                    cut(message.path("subject").asText(), 46),
                    message.path("attachments").size(), file);
        }
        out.printf("%n%d messages processed; JSON in %s%n", files.size(), directory.toAbsolutePath().normalize());
    }

    private static List<Path> jsonFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
