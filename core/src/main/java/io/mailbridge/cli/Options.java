package io.mailbridge.cli;

import java.nio.file.Path;
import java.util.Deque;
import java.util.Optional;

/**
 * The options of one command line; {@code routes} is empty when not given, so the demo can tell a missing default
 * folder from a wrong one.
 */
record Options(Path accounts, Optional<Path> routes, boolean keepRunning, boolean json) {

    static final Path DEFAULT_ACCOUNTS = Path.of("routes", "accounts.yaml");
    static final Path DEFAULT_ROUTES = Path.of("routes");

    Path routesOrDefault() {
        return routes.orElse(DEFAULT_ROUTES);
    }

    static Options parse(Command command, Deque<String> words) {
        Path accounts = DEFAULT_ACCOUNTS;
        Optional<Path> routes = Optional.empty();
        boolean keepRunning = false;
        boolean json = false;
        while (!words.isEmpty()) {
            String word = words.pop();
            if (!command.takes(word)) {
                throw new UsageException("unknown option '" + word + "' for " + command.commandName());
            }
            switch (word) {
                case "--accounts" -> accounts = Path.of(value(word, words));
                case "--routes" -> routes = Optional.of(Path.of(value(word, words)));
                case "--keep-running" -> keepRunning = true;
                case "--json" -> json = true;
                default -> throw new IllegalStateException("option " + word + " is declared but not parsed");
            }
        }
        return new Options(accounts, routes, keepRunning, json);
    }

    private static String value(String option, Deque<String> words) {
        if (words.isEmpty() || words.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return words.pop();
    }
}
