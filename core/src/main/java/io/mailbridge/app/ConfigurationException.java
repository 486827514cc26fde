package io.mailbridge.app;

/** A file or folder a command was given that is missing or wrong: reported in one paragraph, exit code 2. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
