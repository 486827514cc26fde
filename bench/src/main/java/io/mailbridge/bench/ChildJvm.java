package io.mailbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one {@link Contender} in a fresh JVM with its own heap limit and reads back its {@link Result}. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Result run(ContenderKind kind, String heap, List<String> jvmFlags, Map<String, Object> options,
                      Map<String, String> environment, Path work, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path resultFile = work.resolve("result.json");
        Files.deleteIfExists(resultFile);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Contender.class.getName());
        command.addAll(List.of("--kind", kind.id(), "--result", resultFile.toString(), "--work", work.toString(),
                "--timeout", String.valueOf(timeout.toSeconds())));
        command.addAll(Options.toArgs(options));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("output.log").toFile());
        builder.environment().putAll(environment);
        Process child = builder.start();
        // the contender stops itself at its timeout; this is the backstop for a JVM that hangs anyway, or that
        // hangs on its way out after it wrote its result (a JVM out of heap may never finish its shutdown hooks)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout.toSeconds() + 90);
        long resultSeen = -1;
        while (!child.waitFor(1, TimeUnit.SECONDS)) {
            if (resultSeen < 0 && Files.exists(resultFile)) {
                resultSeen = System.nanoTime();
            }
            boolean lingering = resultSeen > 0 && System.nanoTime() - resultSeen > TimeUnit.SECONDS.toNanos(30);
            if (lingering || System.nanoTime() > deadline) {
                stop(child);
                if (!lingering) {
                    return Result.failed(kind.id(), "JVM killed after " + (timeout.toSeconds() + 90) + " s");
                }
            }
        }
        if (!Files.exists(resultFile)) {
            return Result.failed(kind.id(), "JVM exited with " + child.exitValue() + " and no result; see "
                    + work.resolve("output.log"));
        }
        return new ObjectMapper().readValue(resultFile.toFile(), Result.class);
    }

    private static void stop(Process child) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(15, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
    }
}
