package io.mailbridge.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailbridge.support.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One run of {@code mailbridge check}: its exit code, its standard output and error, and every log line. */
record CheckRun(int exitCode, String out, String err, String logs) {

    static CheckRun table(Path accounts) {
        return run(accounts, false);
    }

    static CheckRun json(Path accounts) {
        return run(accounts, true);
    }

    private static CheckRun run(Path accounts, boolean json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LogCapture logs = new LogCapture()) {
            int exitCode = new CheckCommand(accounts, json, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run();
            return new CheckRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    logs.text());
        }
    }

    JsonNode document() throws IOException {
        return new ObjectMapper().readTree(out);
    }

    /** The explanation of the only account checked, from the JSON document. */
    String explanation() throws IOException {
        return document().path("accounts").path(0).path("explanation").asText();
    }

    /** The id of the failing step of the only account checked, from the JSON document. */
    String failedStep() throws IOException {
        for (JsonNode step : document().path("accounts").path(0).path("steps")) {
            if (!step.path("ok").asBoolean()) {
                return step.path("step").asText();
            }
        }
        return null;
    }
}
