package io.mailbridge.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The check's table for people: one row per account, and under a failing row what to do about it. */
final class CheckReport {

    private static final String[] HEADER = {"ACCOUNT", "STATUS", "RESULT", "TIME"};

    private CheckReport() {
    }

    static void print(List<AccountResult> results, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        results.forEach(result -> rows.add(row(result)));
        int[] widths = new int[HEADER.length];
        rows.forEach(row -> Arrays.setAll(widths, i -> Math.max(widths[i], row[i].length())));
        for (int i = 0; i < rows.size(); i++) {
            out.println(line(rows.get(i), widths));
            if (i > 0 && results.get(i - 1).explanation() != null) {
                out.println("    " + results.get(i - 1).explanation());
            }
        }
        long passed = results.stream().filter(AccountResult::ok).count();
        out.println();
        out.println(passed + " of " + results.size() + (results.size() == 1 ? " account" : " accounts") + " OK");
    }

    private static String[] row(AccountResult result) {
        String outcome = result.ok()
                ? "mailbox " + result.mailbox() + ": " + result.messages() + " messages, " + result.unseen() + " unseen"
                : "failed at " + result.failedStep().map(step -> label(step.step())).orElse("?");
        return new String[] {result.name(), result.ok() ? "OK" : "FAIL", outcome, Durations.elapsed(result.millis())};
    }

    private static String label(String stepId) {
        return Arrays.stream(Step.values()).filter(step -> step.id().equals(stepId)).map(Step::label)
                .findFirst().orElse(stepId);
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == cells.length - 1 ? cells[i] : String.format("%-" + (widths[i] + 2) + "s", cells[i]));
        }
        return line.toString().stripTrailing();
    }
}
