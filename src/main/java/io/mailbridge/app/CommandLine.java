package io.mailbridge.app;

import io.mailbridge.account.InvalidAccountsException;
import io.mailbridge.check.CheckCommand;
import io.mailbridge.demo.DemoCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Parses the command line and runs the chosen command, returning the process exit code. */
public final class CommandLine {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_CONFIGURATION = 2;

    static final String USAGE = """
            usage: java -jar mailbridge.jar run  [--accounts FILE] [--routes DIR]
                   java -jar mailbridge.jar demo [--keep-running] [--routes DIR]
                   java -jar mailbridge.jar check [--accounts FILE] [--json]
              run    consume the mailboxes of the accounts file (default routes/accounts.yaml) into the
                     pipelines of the routes directory (default routes/, every *.camel.yaml file)
              demo   start an embedded IMAPS server with a demo account and a few messages, run the same
                     machinery against it, print what was processed and exit
              check  connect to every account of the accounts file step by step (DNS, TCP, TLS, login,
                     mailbox) and say what fails and what to do; exit code 0 only when all pass""";

    private CommandLine() {
    }

    public static int execute(String... args) {
        return execute(List.of(args), System.out, System.err);
    }

    static int execute(List<String> args, PrintStream out, PrintStream err) {
        Deque<String> words = new ArrayDeque<>(args);
        String command = words.isEmpty() ? "" : words.pop();
        try {
            Options options = Options.parse(words);
            return switch (command) {
                case "run" -> new RunCommand(options.accounts(), options.routes()).run();
                case "demo" -> new DemoCommand(options.routes(), options.keepRunning(), out).run();
                case "check" -> new CheckCommand(options.accounts(), options.json(), out, err).run();
                case "help", "--help", "-h" -> {
                    out.println(USAGE);
                    yield OK;
                }
                default -> {
                    err.println(command.isEmpty() ? "no command given" : "unknown command '" + command + "'");
                    err.println(USAGE);
                    yield INVALID_CONFIGURATION;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return INVALID_CONFIGURATION;
        } catch (InvalidAccountsException e) {
            err.println(e.getMessage());
            return INVALID_CONFIGURATION;
        } catch (Exception e) {
            err.println("mailbridge " + command + " failed: " + e);
            return FAILED;
        }
    }

    /** The options every command accepts. */
    record Options(Path accounts, Path routes, boolean keepRunning, boolean json) {

        static Options parse(Deque<String> words) {
            Path accounts = Path.of("routes", "accounts.yaml");
            Path routes = Path.of("routes");
            boolean keepRunning = false;
            boolean json = false;
            while (!words.isEmpty()) {
                String word = words.pop();
                switch (word) {
                    case "--accounts" -> accounts = Path.of(value(word, words));
                    case "--routes" -> routes = Path.of(value(word, words));
                    case "--keep-running" -> keepRunning = true;
                    case "--json" -> json = true;
                    default -> throw new IllegalArgumentException("unknown option '" + word + "'");
                }
            }
            return new Options(accounts, routes, keepRunning, json);
        }

        private static String value(String option, Deque<String> words) {
            if (words.isEmpty() || words.peek().startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return words.pop();
        }
    }
}
