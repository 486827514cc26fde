package io.mailbridge.account;

import java.util.List;

/** Every problem found in an accounts file, reported together before any route starts. */
public final class InvalidAccountsException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public InvalidAccountsException(String file, List<String> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    /** Each problem as one line: {@code <file>: account '<name>': <field> ...}. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(String file, List<String> problems) {
        StringBuilder text = new StringBuilder(file)
                .append(" has ").append(problems.size()).append(problems.size() == 1 ? " error:" : " errors:");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  * ").append(problem));
        return text.toString();
    }
}
