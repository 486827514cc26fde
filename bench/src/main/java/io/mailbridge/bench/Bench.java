package io.mailbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness (bench/run.sh starts it once Dovecot is up): every scenario, then a protocol trace of each
 * contender on a small sample and a JFR profile of mailbridge; prints the report and writes it to the results
 * directory (and into BENCHMARKS.md when asked to).
 */
public final class Bench {

    private static final int TRACE_MESSAGES = 50;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        boolean quick = options.flag("quick");
        Server server = Server.from(options);
        Path results = options.path("results");
        List<Scenario> scenarios = selected(quick ? Scenario.quick() : Scenario.full(), options.get("only", ""),
                quick ? Scenario.full() : Scenario.quick());
        long started = System.nanoTime();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadBefore = Machine.loadAverage();

        ScenarioRun runs = new ScenarioRun(server, results.resolve("work"),
                Integer.parseInt(options.get("max-wait", String.valueOf(Integer.MAX_VALUE))));
        List<Row> rows = new ArrayList<>();
        String only = options.get("contenders", "");
        for (Scenario scenario : scenarios) {
            rows.addAll(runs.run(scenario, scenario.contenders().stream()
                    .filter(kind -> only.isBlank() || Arrays.asList(only.split(",")).contains(kind.id()))
                    .toList()));
        }
        Report.Profile profile = options.flag("skip-profile") ? null
                : profile(runs, results.resolve("work"), quick ? 300 : 2_000);

        Report report = new Report(new Report.RunInfo(date, quick ? "quick" : "full", options.get("command"),
                options.get("source"), Machine.describe(options.get("dovecot-version")), loadBefore,
                Machine.loadAverage(), (System.nanoTime() - started) / 60e9), rows, profile);
        String markdown = report.markdown();
        Files.writeString(results.resolve("report.md"), markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("[bench] report: " + results.resolve("report.md"));
        if (options.flag("write-benchmarks")) {
            report.updateBenchmarks(options.path("benchmarks"));
            System.out.println("[bench] figures written to " + options.path("benchmarks"));
        }
    }

    /** The scenarios named by --only, from the run's own list first, then from the other one (quick or full). */
    private static List<Scenario> selected(List<Scenario> scenarios, String only, List<Scenario> others) {
        if (only.isBlank()) {
            return scenarios;
        }
        Map<String, Scenario> byName = new LinkedHashMap<>();
        others.forEach(scenario -> byName.put(scenario.name(), scenario));
        scenarios.forEach(scenario -> byName.put(scenario.name(), scenario));
        return Arrays.stream(only.split(",")).map(byName::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Round trips per message of every contender (IMAP protocol trace), then mailbridge under JFR. */
    private static Report.Profile profile(ScenarioRun runs, Path work, int jfrMessages) throws Exception {
        Scenario sample = new Scenario("trace-" + TRACE_MESSAGES, TRACE_MESSAGES + " × ~1 KiB (traced)", 1,
                TRACE_MESSAGES, 0, "512m", "512m", 60, 180, true);
        long bytes = runs.load(sample);
        Map<ContenderKind, ProtocolTrace.Counts> trace = new LinkedHashMap<>();
        for (ContenderKind kind : List.of(ContenderKind.RAW_EACH, ContenderKind.RAW_CHUNKED, ContenderKind.CAMEL_MAIL,
                ContenderKind.MAILBRIDGE)) {
            Path traceDir = work.resolve("trace-logging");
            Path traceFile = traceDir.resolve(kind.id() + ".trace");
            Files.deleteIfExists(traceFile);
            Path config = ProtocolTrace.loggingConfig(traceDir.resolve(kind.id()), traceFile);
            Row row = runs.run(sample, kind, bytes, List.of("-Djava.util.logging.config.file=" + config),
                    sample.name());
            if (row.complete()) {
                trace.put(kind, ProtocolTrace.count(traceFile));
            }
        }

        Scenario profiled = new Scenario("profile-" + jfrMessages, String.format("%,d × ~1 KiB", jfrMessages), 1,
                jfrMessages, 0, "512m", "512m", 60, 300, true);
        long profiledBytes = runs.load(profiled);
        Path recording = work.resolve("mailbridge.jfr");
        Files.deleteIfExists(recording);
        String flight = "-XX:StartFlightRecording=dumponexit=true,filename=" + recording + ",settings="
                + JfrSummary.settings(work);
        Row jfrRow = runs.run(profiled, ContenderKind.MAILBRIDGE, profiledBytes, List.of(flight), profiled.name());
        JfrSummary.Summary jfr = Files.exists(recording) ? JfrSummary.summarize(recording) : null;
        return new Report.Profile(TRACE_MESSAGES, trace, jfrRow, jfr);
    }
}
