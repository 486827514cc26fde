package io.mailbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The figures of one run as Markdown: the results table, the targets of issue 5, round trips, the JFR profile. */
final class Report {

    static final String BEGIN = "<!-- BEGIN GENERATED FIGURES (bench/run.sh rewrites this block) -->";
    static final String END = "<!-- END GENERATED FIGURES -->";
    private static final double MIB = 1024.0 * 1024.0;

    private final RunInfo info;
    private final List<Row> rows;
    private final Profile profile;

    /** When, where and how the run was made. */
    record RunInfo(String date, String mode, String command, String source, Machine machine, String loadBefore,
                   String loadAfter, double minutes) {
    }

    /**
     * The round trips per message of each contender on a small sample, and where mailbridge's consumer thread spent
     * a drain of {@code jfrRow}'s messages.
     */
    record Profile(int traceMessages, Map<ContenderKind, ProtocolTrace.Counts> trace, Row jfrRow,
                   JfrSummary.Summary jfr) {
    }

    Report(RunInfo info, List<Row> rows, Profile profile) {
        this.info = info;
        this.rows = rows;
        this.profile = profile;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Run of ").append(info.date()).append(" (").append(info.mode()).append(")\n\n");
        md.append("- command: `").append(info.command()).append("` (").append(String.format("%.1f", info.minutes()))
                .append(" min)\n");
        md.append("- mailbridge: ").append(info.source()).append('\n');
        md.append("- machine: ").append(info.machine().describe()).append('\n');
        md.append("- load average (1/5/15 min) before: ").append(info.loadBefore()).append("; after: ")
                .append(info.loadAfter()).append(" — a shared machine: compare only ratios within this run\n\n");
        results(md);
        targets(md);
        roundTrips(md);
        jfr(md);
        return md.toString();
    }

    private void results(StringBuilder md) {
        md.append("| scenario | contender | -Xmx | messages | first message s | drain s | msg/s | MiB/s | × raw |"
                + " msg/s first→last | CPU ms/msg | peak heap MiB | heap after GC MiB | peak threads | notes |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            Result r = row.result();
            md.append("| ").append(row.scenario().title()).append(" | ").append(row.kind().id())
                    .append(" | ").append(row.heap())
                    .append(" | ").append(String.format("%,d", r.delivered()))
                    .append(" | ").append(num(r.firstSeconds(), 2))
                    .append(" | ").append(num(r.lastSeconds(), 1))
                    .append(" | ").append(num(row.messagesPerSecond(), 0))
                    .append(" | ").append(num(row.mibPerSecond(), 1))
                    .append(" | ").append(row.kind().raw() ? "" : num(ratio(row), 2))
                    .append(" | ").append(row.kind() == ContenderKind.RAW_CHUNKED ? "" : num(row.steadyMessagesPerSecond(), 0))
                    .append(" | ").append(num(r.drainCpuSeconds() * 1000 / Math.max(1, r.delivered()), 2))
                    .append(" | ").append(mib(r.peakHeapBytes()))
                    .append(" | ").append(mib(r.heapAfterGcBytes()))
                    .append(" | ").append(r.peakThreads() < 0 ? "–" : String.valueOf(r.peakThreads()))
                    .append(" | ").append(notes(row)).append(" |\n");
        }
        md.append("\nfirst message: from the contender's start (raw: before connecting; camel-mail and mailbridge:"
                + " their consumer route started) to the first message read (raw) or committed (\\Seen set);"
                + " drain: to the last one; msg/s and MiB/s: messages (bytes) ÷ drain; × raw: msg/s ÷ the faster raw"
                + " way's msg/s in the same scenario; msg/s first→last: the issue's measure, from the first finished"
                + " message to the last; CPU ms/msg: CPU time of the draining threads (raw: readers; camel-mail and"
                + " mailbridge: the imaps:// poll threads, where the whole route runs, and mailbridge's fetch threads)"
                + " per message, which the"
                + " machine's load distorts least; peak heap: heap in use"
                + " sampled every 50 ms (garbage included); heap after GC: after a full GC once drained.\n\n");
    }

    private String notes(Row row) {
        List<String> notes = new ArrayList<>();
        Result r = row.result();
        if (row.kind() == ContenderKind.MAILBRIDGE) {
            notes.add("JVM start → first commit " + num(r.jvmToFirstSeconds(), 1) + " s");
            notes.add("start-up " + num(r.startupSeconds(), 1) + " s");
        }
        if (row.kind() == ContenderKind.MAILBRIDGE_WARM) {
            notes.add("after draining the same load twice from another mailbox in this JVM");
        }
        notes.add("JVM CPU " + num(r.processCpuSeconds(), 1) + " s, JIT " + num(r.jitCpuSeconds(), 1) + " s");
        if (row.kind().commits()) {
            notes.add(row.unseenLeft() == 0 ? "\\Seen verified on server ✔" : row.unseenLeft() + " left unseen ✘");
        }
        if (row.scenario().manyAccounts() && r.servedAccounts() >= 0) {
            notes.add(String.format("every account served %s s after JVM start (half of them: %s s; %d of %d)",
                    num(r.servedSeconds(), 1), num(r.servedMedianSeconds(), 1), r.servedAccounts(),
                    row.scenario().accounts()));
        }
        if (r.watchdogRestarts() > 0 || (row.scenario().manyAccounts() && r.watchdogRestarts() == 0)) {
            notes.add("watchdog restarts " + r.watchdogRestarts());
        }
        if (r.pollsLate() >= 0) {
            notes.add(String.format("polls: %d of %d accounts late, max gap %.1f s for a %d s interval, ≥ %d polls"
                    + " each", r.pollsLate(), row.scenario().accounts(), r.maxPollGapSeconds(),
                    row.scenario().pollIntervalSeconds(row.kind()), r.minPolls()));
        }
        if (r.failed() > 0) {
            notes.add(r.failed() + " exchanges failed");
        }
        if (r.error() != null) {
            notes.add("**" + r.error().replace("|", "/") + "**");
        }
        return String.join("; ", notes);
    }

    /** msg/s of a row ÷ the faster raw way's msg/s in the same scenario. */
    private double ratio(Row row) {
        return rawBest(row.scenario()).map(raw -> row.messagesPerSecond() / raw.messagesPerSecond())
                .orElse(Double.NaN);
    }

    private Optional<Row> rawBest(Scenario scenario) {
        return rows.stream().filter(row -> row.scenario().equals(scenario) && row.kind().raw() && row.complete())
                .max((a, b) -> Double.compare(a.messagesPerSecond(), b.messagesPerSecond()));
    }

    private Optional<Row> find(java.util.function.Predicate<Scenario> scenario, ContenderKind kind) {
        return rows.stream().filter(row -> scenario.test(row.scenario()) && row.kind() == kind)
                .reduce((first, last) -> last);
    }

    private void targets(StringBuilder md) {
        md.append("#### Targets of issue 5\n\n");
        if (info.mode().equals("quick")) {
            md.append("A quick run checks them on its own small scenarios, not on the sizes the issue names.\n\n");
        }
        md.append("| target | scenario | contender | measured | met |\n|---|---|---|---|---|\n");
        java.util.function.Predicate<Scenario> small = s -> !s.manyAccounts() && s.attachmentBytes() == 0;
        for (ContenderKind kind : List.of(ContenderKind.MAILBRIDGE, ContenderKind.MAILBRIDGE_1S,
                ContenderKind.MAILBRIDGE_WARM)) {
            find(small, kind).ifPresent(row -> {
                double raw = rawBest(row.scenario()).map(Row::messagesPerSecond).orElse(Double.NaN);
                double ratio = row.steadyMessagesPerSecond() / raw;
                target(md, "small messages ≥ 0.7 × raw msg/s (mailbridge first→last committed)", row,
                        String.format("%.0f vs %.0f msg/s = %.2f ×", row.steadyMessagesPerSecond(), raw, ratio),
                        row.complete() && ratio >= 0.7);
            });
        }
        find(small, ContenderKind.MAILBRIDGE).ifPresent(row -> target(md,
                "first message committed ≤ 1 s after its route started", row,
                num(row.result().firstSeconds(), 2) + " s", row.complete() && row.result().firstSeconds() <= 1.0));
        for (ContenderKind kind : List.of(ContenderKind.MAILBRIDGE, ContenderKind.MAILBRIDGE_WARM)) {
            find(s -> s.messages() > 1 && s.attachmentBytes() == Scenario.MIB, kind).ifPresent(row -> {
                    double raw = rawBest(row.scenario()).map(Row::messagesPerSecond).orElse(Double.NaN);
                    double ratio = row.steadyMessagesPerSecond() / raw;
                    target(md, "1 MiB attachments ≥ 0.8 × raw MiB/s with -Xmx64m (first→last committed)", row,
                            String.format("%.1f vs %.1f MiB/s = %.2f × (-Xmx%s)",
                                    row.mibPerSecond() * row.steadyMessagesPerSecond() / row.messagesPerSecond(),
                                    rawBest(row.scenario()).map(Row::mibPerSecond).orElse(Double.NaN), ratio,
                                    row.heap()),
                            row.complete() && ratio >= 0.8 && row.heap().equals("64m"));
            });
        }
        find(s -> s.messages() == 1 && s.attachmentBytes() >= 25 * Scenario.MIB, ContenderKind.MAILBRIDGE)
                .ifPresent(row -> target(md, "25 MiB attachment delivered with -Xmx64m", row,
                        row.complete() ? "delivered and \\Seen in " + num(row.result().lastSeconds(), 1) + " s"
                                : "not delivered: " + row.result().error(),
                        row.complete() && row.heap().equals("64m")));
        find(Scenario::manyAccounts, ContenderKind.MAILBRIDGE).ifPresent(row -> {
            Result r = row.result();
            target(md, "every account polled within each interval", row,
                    String.format("%d late, max gap %.1f s (interval %d s)", r.pollsLate(), r.maxPollGapSeconds(),
                            row.scenario().pollIntervalSeconds()), row.complete() && r.pollsLate() == 0);
            target(md, "≤ 64 live threads", row, r.peakThreads() + " threads (peak)",
                    row.complete() && r.peakThreads() <= 64);
            Row limited = rows.stream().filter(other -> other.scenario().equals(row.scenario())
                    && other.kind() == row.kind() && other.heap().equals(row.scenario().mailbridgeHeap()))
                    .findFirst().orElse(row);
            target(md, "≤ 256 MiB heap", limited, limited.complete()
                            ? String.format("ran in -Xmx%s; %s MiB after GC, %s MiB peak in use", limited.heap(),
                                    mib(limited.result().heapAfterGcBytes()), mib(limited.result().peakHeapBytes()))
                            : "failed in -Xmx" + limited.heap() + ": " + limited.result().error()
                                    + (row == limited ? "" : String.format("; with -Xmx%s: %s MiB after GC, %s MiB"
                                    + " peak in use", row.heap(), mib(r.heapAfterGcBytes()), mib(r.peakHeapBytes()))),
                    limited.complete() && limited.result().peakHeapBytes() <= 256 * MIB);
            target(md, "start-up ≤ 10 s", row, num(r.startupSeconds(), 1) + " s from JVM start to all routes started",
                    row.complete() && r.startupSeconds() <= 10);
            target(md, "every account served ≤ 10 s", row, num(r.servedSeconds(), 1) + " s from JVM start to the last"
                    + " account's first poll completed; watchdog restarts " + r.watchdogRestarts(),
                    row.complete() && r.servedSeconds() <= 10 && r.watchdogRestarts() == 0);
        });
        md.append('\n');
    }

    private static void target(StringBuilder md, String target, Row row, String measured, boolean met) {
        md.append("| ").append(target).append(" | ").append(row.scenario().title()).append(" | ")
                .append(row.kind().id()).append(" -Xmx").append(row.heap()).append(" | ").append(measured).append(" | ")
                .append(met ? "✔ met" : "✘ not met").append(" |\n");
    }

    private void roundTrips(StringBuilder md) {
        if (profile == null || profile.trace().isEmpty()) {
            return;
        }
        md.append("#### IMAP round trips per message (protocol trace, ").append(profile.traceMessages())
                .append(" messages of ~1 KiB, session set-up included)\n\n")
                .append("| contender | round trips | per message | commands sent |\n|---|---:|---:|---|\n");
        profile.trace().forEach((kind, counts) -> {
            StringBuilder commands = new StringBuilder();
            counts.commands().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(entry -> commands.append(commands.length() == 0 ? "" : ", ")
                            .append(entry.getKey()).append(" ").append(entry.getValue()));
            md.append("| ").append(kind.id()).append(" | ").append(counts.roundTrips()).append(" | ")
                    .append(num((double) counts.roundTrips() / profile.traceMessages(), 1)).append(" | ")
                    .append(commands).append(" |\n");
        });
        md.append('\n');
    }

    private void jfr(StringBuilder md) {
        if (profile == null || profile.jfr() == null) {
            return;
        }
        Row row = profile.jfrRow();
        md.append("#### Where mailbridge's consumer thread spends a drain (JFR, ").append(row.scenario().title())
                .append(", ").append(num(row.result().lastSeconds(), 1)).append(" s, ")
                .append(num(row.messagesPerSecond(), 0)).append(" msg/s under JFR)\n\n")
                .append("| I/O on the consumer thread | events | total s | per message ms |\n|---|---:|---:|---:|\n");
        for (JfrSummary.Io io : profile.jfr().consumerIo()) {
            md.append("| ").append(io.event()).append(" | ").append(io.count()).append(" | ")
                    .append(num(io.seconds(), 2)).append(" | ")
                    .append(num(io.seconds() * 1000 / row.scenario().messages(), 3)).append(" |\n");
        }
        md.append("\nCPU samples of the consumer thread (").append(profile.jfr().samples())
                .append("): first frame outside the JDK\n\n| frame | samples |\n|---|---:|\n");
        profile.jfr().hotCallers().forEach((frame, count) ->
                md.append("| `").append(frame).append("` | ").append(count).append(" |\n"));
        md.append("\nCPU samples: top frame\n\n| frame | samples |\n|---|---:|\n");
        profile.jfr().hotMethods().forEach((frame, count) ->
                md.append("| `").append(frame).append("` | ").append(count).append(" |\n"));
        md.append('\n');
    }

    /** Replaces the generated block of BENCHMARKS.md (or appends one) with this run's figures. */
    void updateBenchmarks(Path benchmarks) throws IOException {
        String block = BEGIN + "\n\n" + markdown() + END;
        String text = Files.exists(benchmarks) ? Files.readString(benchmarks) : "# Benchmarks\n\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        text = begin >= 0 && end > begin
                ? text.substring(0, begin) + block + text.substring(end + END.length())
                : text + "\n" + block + "\n";
        Files.writeString(benchmarks, text);
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format("%,." + decimals + "f", value);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "–" : String.format("%.0f", bytes / MIB);
    }
}
