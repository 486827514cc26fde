package io.mailbridge;

import io.mailbridge.cli.CommandLine;

/** The {@code java -jar mailbridge.jar} entry point: {@code run}, {@code demo}, {@code check}. */
public final class Mailbridge {

    private Mailbridge() {
    }

    public static void main(String[] args) {
        System.exit(CommandLine.execute(args));
    }
}
