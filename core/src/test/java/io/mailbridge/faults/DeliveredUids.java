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

/** A snapshot of how often each UID was delivered downstream, to count what a fault lost and what it repeated. */
record DeliveredUids(Map<Long, Integer> counts) {

    DeliveredUids {
        counts = Map.copyOf(counts);
    }

    /** Reads a directory of delivery files named {@code <uid>-<exchangeId>}, one file per delivery. */
    static DeliveredUids inDirectory(Path directory) {
        Map<Long, Integer> counts = new HashMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> !name.startsWith("."))
                        .forEach(name -> counts.merge(Long.parseLong(name.substring(0, name.indexOf('-'))), 1,
                                Integer::sum));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the deliveries in " + directory, e);
            }
        }
        return new DeliveredUids(counts);
    }

    int deliveries() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    int distinct() {
        return counts.size();
    }

    int duplicates() {
        return deliveries() - distinct();
    }

    boolean containsAll(Collection<Long> uids) {
        return counts.keySet().containsAll(uids);
    }

    List<Long> missing(Collection<Long> uids) {
        return uids.stream().filter(uid -> !counts.containsKey(uid)).toList();
    }
}
