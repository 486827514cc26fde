package io.mailbridge.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How often each message ({@code <account>/<uid>}) was delivered downstream by any replica, read from their delivery
 * directories, to count what a fault lost and what it repeated.
 */
record DeliveredMessages(Map<String, Integer> counts) {

    DeliveredMessages {
        counts = Map.copyOf(counts);
    }

    /** Reads delivery files named {@code <account>_<uid>_<exchangeId>}, one file per delivery. */
    static DeliveredMessages inDirectories(Collection<Path> directories) {
        Map<String, Integer> counts = new HashMap<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> !name.startsWith("."))
                        .forEach(name -> {
                            String[] parts = name.split("_", 3);
                            counts.merge(key(parts[0], Long.parseLong(parts[1])), 1, Integer::sum);
                        });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the deliveries in " + directory, e);
            }
        }
        return new DeliveredMessages(counts);
    }

    static String key(String account, long uid) {
        return account + "/" + uid;
    }

    int deliveries() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    int duplicates() {
        return deliveries() - counts.size();
    }

    List<String> missing(Collection<String> keys) {
        return keys.stream().filter(key -> !counts.containsKey(key)).toList();
    }
}
