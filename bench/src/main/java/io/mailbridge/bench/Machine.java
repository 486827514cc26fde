package io.mailbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A description of the machine a run measured on, for the report. */
record Machine(int cpus, String cpuModel, long memoryKib, String os, String java, String dovecot) {

    static Machine describe(String dovecotVersion) {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/cpuinfo"), "model name").orElse("?"),
                field(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replace("kB", "").trim()))
                        .orElse(-1L),
                field(Path.of("/etc/os-release"), "PRETTY_NAME").map(v -> v.replace("\"", "")).orElse("?"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                dovecotVersion);
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    String describe() {
        return String.format("%d CPUs (%s), %.1f GiB memory, %s; %s; Dovecot %s", cpus, cpuModel,
                memoryKib / 1024.0 / 1024.0, os, java, dovecot);
    }

    private static Optional<String> field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                int separator = line.indexOf(line.contains(":") ? ':' : '=');
                if (separator > 0 && line.substring(0, separator).trim().equals(name)) {
                    return Optional.of(line.substring(separator + 1).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
