package io.mailbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The main class of a contender's JVM: drains the scenario's mailboxes one way, samples its own heap and threads,
 * and writes a {@link Result} as JSON to {@code --result}. The harness starts one fresh JVM per contender so that
 * none inherits another's JIT warm-up, heap or threads.
 */
public final class Contender {

    private static final int WARMUP_ROUNDS = 2;

    private Contender() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        ContenderKind kind = ContenderKind.of(options.get("kind"));
        Path resultFile = options.path("result");
        Result result;
        try (ResourceSampler resources = new ResourceSampler()) {
            result = run(kind, options, resources);
        } catch (Throwable failure) {
            failure.printStackTrace();
            result = Result.failed(kind.id(), failure.toString());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(resultFile.toFile(), result);
        // mailbridge or camel-mail may leave non-daemon threads behind after a timeout
        System.exit(0);
    }

    private static Result run(ContenderKind kind, Options options, ResourceSampler resources) throws Exception {
        Server server = Server.from(options);
        int accounts = options.integer("accounts");
        List<String> users = accounts == 1 ? List.of(options.get("user", "bench")) : Scenario.users(accounts);
        Duration timeout = Duration.ofSeconds(options.integer("timeout"));
        if (kind == ContenderKind.MAILBRIDGE_WARM) {
            warmUp(server, options.path("warmup-work"), options.integer("warmup-expected"), timeout);
        }
        Progress progress = new Progress(options.integer("expected"));
        switch (kind) {
            case RAW_EACH, RAW_CHUNKED -> {
                new RawReader(server, kind == ContenderKind.RAW_CHUNKED, progress).drain(users);
                return progress.result(kind.id(), resources, -1, null, null);
            }
            case CAMEL_MAIL -> {
                return new CamelMailRun(server, progress).drain(users.get(0), timeout, resources);
            }
            case MAILBRIDGE, MAILBRIDGE_1S, MAILBRIDGE_WARM -> {
                MailbridgeRun mailbridge = new MailbridgeRun(options.path("work"), progress, accounts);
                String error = mailbridge.drain(timeout);
                PollWatch.Stats polls = null;
                error = error == null ? "" : error;
                // watched even after a timeout: which accounts still poll is the point when some stopped
                if (accounts > 1 && !error.startsWith("mailbridge failed")) {
                    Duration interval = Duration.ofSeconds(options.integer("poll-interval"));
                    polls = mailbridge.watchPolls(interval, interval.multipliedBy(22).dividedBy(10));
                }
                long heapAfterGc = resources.heapAfterGc();
                Result result = progress.result(kind.id(), resources, heapAfterGc, polls,
                        error.isEmpty() ? null : error).withServed(mailbridge.served());
                mailbridge.stop();
                return result;
            }
            default -> throw new IllegalArgumentException("unknown contender " + kind);
        }
    }

    /**
     * Drains the warm-up mailbox {@value #WARMUP_ROUNDS} times, each with a mailbridge of its own (a fresh delivery
     * ledger, so every round maps and delivers every message again), flagging the mailbox unseen in between: this
     * JVM's JIT has then compiled what a long-running node runs.
     */
    private static void warmUp(Server server, Path work, int expected, Duration timeout) throws Exception {
        for (int round = 1; round <= WARMUP_ROUNDS; round++) {
            if (round > 1) {
                new Imap(server).markAllUnseen(List.of(Scenario.WARMUP_USER));
            }
            Trees.delete(work.resolve("data"));
            MailbridgeRun warmup = new MailbridgeRun(work, new Progress(expected), 1);
            try {
                String error = warmup.drain(timeout);
                if (error != null) {
                    throw new IllegalStateException("warm-up round " + round + ": " + error);
                }
            } finally {
                warmup.stop();
            }
        }
    }
}
