package io.mailbridge.poison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Reads what the default dead-letter endpoint wrote under {@code <dataDir>/dead-letter/<account>/}. */
final class DeadLetters {

    /** One quarantined message: the fields of its {@code .reason.txt} and the path of its {@code .eml}. */
    record DeadLetter(long uid, Map<String, String> fields, Path eml) {

        String reason() {
            return fields.getOrDefault("reason", "");
        }

        String attempts() {
            return fields.getOrDefault("attempts", "");
        }
    }

    private DeadLetters() {
    }

    /** The account's dead letters by original UID; only those whose reason file is complete. */
    static Map<Long, DeadLetter> read(Path dataDir, String account) {
        Path directory = dataDir.resolve("dead-letter").resolve(account);
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        Map<Long, DeadLetter> letters = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path reasonFile : files.filter(DeadLetters::isReasonFile).toList()) {
                Map<String, String> fields = fields(reasonFile);
                if (fields.containsKey("reason") && fields.containsKey("uid")) {
                    long uid = Long.parseLong(fields.get("uid"));
                    Path eml = reasonFile.resolveSibling(
                            reasonFile.getFileName().toString().replaceFirst("\\.reason\\.txt$", ".eml"));
                    letters.put(uid, new DeadLetter(uid, fields, eml));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead letters in " + directory, e);
        }
        return letters;
    }

    /** A finished reason file: the file endpoint writes to {@code .writing-<name>} first, then renames. */
    private static boolean isReasonFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".reason.txt") && !name.startsWith(".");
    }

    private static Map<String, String> fields(Path reasonFile) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Files.readAllLines(reasonFile, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return fields;
    }
}
