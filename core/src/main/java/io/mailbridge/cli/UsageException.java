package io.mailbridge.cli;

/** A command line mailbridge does not understand: reported with the command's usage and exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
