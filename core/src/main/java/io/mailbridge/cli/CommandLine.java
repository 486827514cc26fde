package io.mailbridge.cli;

import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.app.ConfigurationException;
import io.mailbridge.check.CheckCommand;
import io.mailbridge.demo.DemoCommand;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Parses the command line and runs the chosen command, returning the process exit code. */
public final class CommandLine {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_CONFIGURATION = 2;

    private static final List<String> HELP = List.of("--help", "-h");
    private static final List<String> VERSION = List.of("--version");

    private CommandLine() {
    }

    public static int execute(String... args) {
        return execute(List.of(args), System.out, System.err);
    }

    static int execute(List<String> args, PrintStream out, PrintStream err) {
        Deque<String> words = new ArrayDeque<>(args);
        String first = words.isEmpty() ? "" : words.pop();
        if (HELP.contains(first) || first.equals("help")) {
            out.println(words.isEmpty() ? Command.USAGE : Command.named(words.peek()).map(Command::usage)
                    .orElse(Command.USAGE));
            return OK;
        }
        Optional<Command> named = Command.named(first);
        if (VERSION.contains(first) || first.equals("version") || named.isPresent() && words.stream().anyMatch(VERSION::contains)) {
            out.println(Version.text());
            return OK;
        }
        if (named.isEmpty()) {
            err.println(first.isEmpty() ? "no command given" : "unknown command '" + first + "'");
            err.println(Command.USAGE);
            return INVALID_CONFIGURATION;
        }
        Command command = named.get();
        if (words.stream().anyMatch(HELP::contains)) {
            out.println(command.usage());
            return OK;
        }
        try {
            Options options = Options.parse(command, words);
            return switch (command) {
                case RUN -> new RunCommand(options.accounts(), options.routesOrDefault()).run();
                case DEMO -> new DemoCommand(options.routes(), options.keepRunning(), out).run();
                case CHECK -> new CheckCommand(options.accounts(), options.json(), out, err).run();
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(command.usage());
            return INVALID_CONFIGURATION;
        } catch (InvalidAccountsException | ConfigurationException e) {
            err.println(e.getMessage());
            return INVALID_CONFIGURATION;
        } catch (Exception | LinkageError e) {
            // a LinkageError: a component's jar on the class path without a jar it needs
            err.println("mailbridge " + command.commandName() + " failed: " + e);
            return FAILED;
        }
    }
}
