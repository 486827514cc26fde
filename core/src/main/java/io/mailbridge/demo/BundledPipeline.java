package io.mailbridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default pipeline, {@code routes/mail-to-json.camel.yaml}, as the build copies it into the jar: the demo's
 * pipeline when it runs where there is no {@code routes/} folder.
 */
final class BundledPipeline {

    static final String FILE = "mail-to-json.camel.yaml";
    private static final String RESOURCE = "routes/" + FILE;

    private BundledPipeline() {
    }

    /** Writes the pipeline into a new temporary folder, deleted when the JVM exits, and returns the folder. */
    static Path extract() {
        try (InputStream in = BundledPipeline.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: build with Maven");
            }
            Path directory = Files.createTempDirectory("mailbridge-demo-routes-");
            Path file = directory.resolve(FILE);
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundled demo pipeline to a temporary folder", e);
        }
    }
}
