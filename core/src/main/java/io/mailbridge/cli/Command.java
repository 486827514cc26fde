package io.mailbridge.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The commands of {@code java -jar mailbridge.jar}: each one's name, the options it takes and its usage. */
enum Command {

    RUN("run", Set.of("--accounts", "--routes"), """
            usage: java -jar mailbridge.jar run [--accounts FILE] [--routes DIR]

            Consumes the mailboxes of the accounts file into the pipelines of the routes directory until SIGTERM
            or Ctrl+C, then lets the messages in flight finish and exits 0.

              --accounts FILE  the accounts file (default routes/accounts.yaml)
              --routes DIR     the folder of *.camel.yaml pipeline routes (default routes/)

            Exit codes: 0 stopped, 1 failed, 2 invalid command line, accounts file or route file."""),

    DEMO("demo", Set.of("--keep-running", "--routes"), """
            usage: java -jar mailbridge.jar demo [--keep-running] [--routes DIR]

            Starts an embedded IMAPS server with a demo account and six messages, consumes them through the
            pipelines as run would, prints what was processed and exits.

              --keep-running   stay up afterwards and print how to send the demo account more mail over SMTP
              --routes DIR     the pipelines to use (default routes/ when it exists, else the bundled
                               mail-to-json.camel.yaml, which writes JSON to out/demo/)"""),

    CHECK("check", Set.of("--accounts", "--json"), """
            usage: java -jar mailbridge.jar check [--accounts FILE] [--json]

            Connects to every account of the accounts file step by step (DNS, TCP, TLS, greeting, login,
            mailbox) and says what fails and what to do. Changes nothing on the server.

              --accounts FILE  the accounts file (default routes/accounts.yaml)
              --json           print the result as JSON, for scripts and monitoring

            Exit codes: 0 every account passed, 1 some failed, 2 invalid command line or accounts file.""");

    static final String USAGE = """
            usage: java -jar mailbridge.jar run  [--accounts FILE] [--routes DIR]
                   java -jar mailbridge.jar demo [--keep-running] [--routes DIR]
                   java -jar mailbridge.jar check [--accounts FILE] [--json]
                   java -jar mailbridge.jar COMMAND --help | --version
              run    consume the mailboxes of the accounts file (default routes/accounts.yaml) into the
                     pipelines of the routes directory (default routes/, every *.camel.yaml file)
              demo   start an embedded IMAPS server with a demo account and a few messages, run the same
                     machinery against it, print what was processed and exit
              check  connect to every account of the accounts file step by step (DNS, TCP, TLS, login,
                     mailbox) and say what fails and what to do; exit code 0 only when all pass""";

    private final String name;
    private final Set<String> options;
    private final String usage;

    Command(String name, Set<String> options, String usage) {
        this.name = name;
        this.options = options;
        this.usage = usage;
    }

    static Optional<Command> named(String name) {
        return Arrays.stream(values()).filter(command -> command.name.equals(name)).findFirst();
    }

    String commandName() {
        return name;
    }

    boolean takes(String option) {
        return options.contains(option);
    }

    String usage() {
        return usage;
    }
}
