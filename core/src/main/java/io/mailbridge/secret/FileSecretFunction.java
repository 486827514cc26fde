package io.mailbridge.secret;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.PropertiesFunction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code {{file:/run/secrets/support-password}}} placeholder: the content of a file, as Docker and Kubernetes
 * mount secrets, without its trailing line break. Errors name the file, never its content.
 */
public final class FileSecretFunction implements PropertiesFunction {

    @Override
    public String getName() {
        return "file";
    }

    @Override
    public String apply(String remainder) {
        Path file = Path.of(remainder.trim());
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.replaceFirst("\r?\n$", "");
        } catch (IOException e) {
            throw new RuntimeCamelException("cannot read secret file " + file.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
