package io.mailbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads one scenario's mailboxes into Dovecot and lets each contender drain them in turn, from the same state:
 * every message unseen before a contender starts, and, for a contender that commits, every message \Seen after.
 */
final class ScenarioRun {

    /** The heap mailbridge gets for a second try when it failed with many accounts in the scenario's heap. */
    static final String RETRY_HEAP = "1g";
    /** Extra flags for every contender JVM, for profiling (e.g. a JFR recording): {@code BENCH_CHILD_JVM_FLAGS}. */
    private static final List<String> CHILD_JVM_FLAGS = childJvmFlags(System.getenv("BENCH_CHILD_JVM_FLAGS"));

    private final Server server;
    private final Imap imap;
    private final Path workRoot;

    private final int maxWaitSeconds;

    /** @param maxWaitSeconds caps every scenario's timeout (a quicker look at a run that is known to hang) */
    ScenarioRun(Server server, Path workRoot, int maxWaitSeconds) {
        this.server = server;
        this.imap = new Imap(server);
        this.workRoot = workRoot;
        this.maxWaitSeconds = maxWaitSeconds;
    }

    /** Replaces the scenario's mailboxes with fresh mail, indexed by Dovecot; returns the bytes loaded. */
    long load(Scenario scenario) throws Exception {
        long started = System.nanoTime();
        long bytes = new Maildirs(server.mailRoot()).load(scenario.users(), scenario.messagesPerAccount(),
                scenario.attachmentBytes());
        imap.prime(scenario.users());
        System.out.printf("[bench] %s: loaded %,d messages (%.1f MiB) into %d mailbox(es) in %.1f s%n",
                scenario.name(), scenario.messages(), bytes / 1048576.0, scenario.accounts(),
                (System.nanoTime() - started) / 1e9);
        return bytes;
    }

    List<Row> run(Scenario scenario, List<ContenderKind> contenders) throws Exception {
        long bytes = load(scenario);
        List<Row> rows = new ArrayList<>();
        for (ContenderKind kind : contenders) {
            Row row = run(scenario, kind, bytes, List.of(), scenario.name(), null);
            rows.add(row);
            String error = row.result().error();
            if (kind.mailbridge() && scenario.manyAccounts() && error != null && error.contains("OutOfMemoryError")) {
                // the heap target failed: measure threads, polls and start-up with room to spare
                rows.add(run(scenario, kind, bytes, List.of(), scenario.name() + "-" + RETRY_HEAP, RETRY_HEAP));
            }
        }
        return rows;
    }

    Row run(Scenario scenario, ContenderKind kind, long bytes, List<String> jvmFlags, String label)
            throws Exception {
        return run(scenario, kind, bytes, jvmFlags, label, null);
    }

    /** @param heapOverride an -Xmx instead of the scenario's, or null */
    private Row run(Scenario scenario, ContenderKind kind, long bytes, List<String> jvmFlags, String label,
                    String heapOverride) throws Exception {
        int reset = imap.markAllUnseen(scenario.users());
        if (reset > 0) {
            System.out.printf("[bench] %s: cleared \\Seen in %d mailbox(es)%n", scenario.name(), reset);
        }
        Path work = workRoot.resolve(label + "-" + kind.id());
        prepareWork(work, scenario.users(), scenario, kind);
        Path warmup = work.resolve("warmup");
        if (kind == ContenderKind.MAILBRIDGE_WARM) {
            new Maildirs(server.mailRoot()).load(List.of(Scenario.WARMUP_USER), scenario.messagesPerAccount(),
                    scenario.attachmentBytes());
            imap.prime(List.of(Scenario.WARMUP_USER));
            prepareWork(warmup, List.of(Scenario.WARMUP_USER), scenario, kind);
        }
        String heap = heapOverride != null ? heapOverride
                : kind.mailbridge() ? scenario.mailbridgeHeap() : scenario.otherHeap();
        List<String> flags = new ArrayList<>(jvmFlags);
        flags.addAll(CHILD_JVM_FLAGS);
        if (kind == ContenderKind.CAMEL_MAIL) {
            // stock camel-mail trusts the bench certificate the plain JVM way, without any endpoint option
            flags.add("-Djavax.net.ssl.trustStore=" + server.trustStore());
            flags.add("-Djavax.net.ssl.trustStorePassword=" + server.trustStorePassword());
            flags.add("-Djavax.net.ssl.trustStoreType=PKCS12");
        }
        Map<String, Object> options = new LinkedHashMap<>(server.asOptions());
        options.put("accounts", scenario.accounts());
        options.put("user", scenario.users().get(0));
        options.put("expected", scenario.expected(kind));
        options.put("poll-interval", scenario.pollIntervalSeconds(kind));
        if (kind == ContenderKind.MAILBRIDGE_WARM) {
            options.put("warmup-work", warmup);
            options.put("warmup-expected", scenario.messagesPerAccount());
        }
        System.out.printf("[bench] %s: %s (-Xmx%s) ...%n", label, kind.id(), heap);
        Map<String, String> environment = Map.of("BENCH_PASSWORD", server.password(),
                "BENCH_TRUST_STORE_PASSWORD", server.trustStorePassword());
        Result result = ChildJvm.run(kind, heap, flags, options, environment, work,
                Duration.ofSeconds(Math.min(scenario.timeoutSeconds(), maxWaitSeconds)));
        if (kind.mailbridge()) {
            result = result.withWatchdogRestarts(watchdogRestarts(work.resolve("output.log")));
        }
        int unseenLeft = -1;
        if (kind.commits()) {
            // a contender stopped early (default mailbridge after two batches) leaves the rest unseen, as it should
            unseenLeft = Math.max(0, imap.countUnseen(scenario.users()) - (scenario.messages() - result.delivered()));
            if (unseenLeft > 0) {
                result = result.withError(unseenLeft + " finished message(s) not flagged \\Seen on the server");
            }
        }
        Row row = new Row(scenario, kind, result, bytes, heap, unseenLeft);
        System.out.printf("[bench] %s: %s: %,d messages, first after %.2f s, %.0f msg/s, %.1f MiB/s%s%n", label,
                kind.id(), result.delivered(), result.firstSeconds(), row.messagesPerSecond(), row.mibPerSecond(),
                result.error() == null ? "" : " -- " + result.error());
        return row;
    }

    /** mailbridge's accounts file and a routes directory whose one pipeline marshals JSON and drops it. */
    private void prepareWork(Path work, List<String> users, Scenario scenario, ContenderKind kind) throws IOException {
        Trees.delete(work);
        Files.createDirectories(work.resolve("routes"));
        if (!kind.mailbridge()) {
            return;
        }
        Files.writeString(work.resolve("routes/bench-sink.camel.yaml"), """
                # the bench pipeline: the JSON every real pipeline starts from, then dropped
                - route:
                    id: bench-sink
                    from:
                      uri: direct:mail
                      steps:
                        - marshal:
                            json: {}
                """);
        StringBuilder accounts = new StringBuilder("accounts:\n");
        for (String user : users) {
            accounts.append("  - name: ").append(user).append('\n')
                    .append("    username: ").append(user).append('\n')
                    .append("    password: \"{{env:BENCH_PASSWORD}}\"\n")
                    .append("    host: ").append(server.host()).append('\n')
                    .append("    port: ").append(server.port()).append('\n')
                    .append("    trustStore: ").append(server.trustStore()).append('\n')
                    .append("    trustStorePassword: \"{{env:BENCH_TRUST_STORE_PASSWORD}}\"\n")
                    .append("    pollInterval: ").append(scenario.pollIntervalSeconds(kind)).append('\n')
                    .append("    start: unseen\n");
        }
        Files.writeString(work.resolve("accounts.yaml"), accounts);
    }

    /** The poll watchdog's "restarting route" lines in a contender's log; -1 without a log. */
    private static int watchdogRestarts(Path log) throws IOException {
        if (!Files.exists(log)) {
            return -1;
        }
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return (int) lines.filter(line -> line.contains("PollWatchdog") && line.contains("restarting route"))
                    .count();
        }
    }

    private static List<String> childJvmFlags(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }
}
