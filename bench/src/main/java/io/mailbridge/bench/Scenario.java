package io.mailbridge.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * One mailbox load and the contenders that drain it.
 *
 * @param attachmentBytes   0 for ~1 KiB text messages, else the size of one random binary attachment
 * @param mailbridgeHeap    the -Xmx of the mailbridge JVM
 * @param otherHeap         the -Xmx of the raw and stock camel-mail JVMs (they are baselines, not under test)
 * @param pollIntervalSeconds mailbridge's poll interval; with several accounts the harness then watches that every
 *                          account is polled within each interval
 * @param timeoutSeconds    a contender still running after this is stopped and recorded as failed
 * @param everyContender    false for a scenario that only shows growth: raw and mailbridge, to save time
 */
record Scenario(String name, String title, int accounts, int messagesPerAccount, int attachmentBytes,
                String mailbridgeHeap, String otherHeap, int pollIntervalSeconds, int timeoutSeconds,
                boolean everyContender) {

    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;

    int messages() {
        return accounts * messagesPerAccount;
    }

    boolean manyAccounts() {
        return accounts > 1;
    }

    /** Whose mailbox mailbridge-warm drains first, in the same JVM (bench/run.sh puts it in the passwd-file). */
    static final String WARMUP_USER = "warmup";

    /** The user names in Dovecot's passwd-file that this scenario's mailboxes belong to. */
    List<String> users() {
        return users(accounts);
    }

    /** {@code bench} for one account, else {@code acct0001} ... (bench/run.sh puts them all in the passwd-file). */
    static List<String> users(int accounts) {
        if (accounts == 1) {
            return List.of("bench");
        }
        return IntStream.rangeClosed(1, accounts).mapToObj(Scenario::accountUser).toList();
    }

    static String accountUser(int i) {
        return String.format("acct%04d", i);
    }

    /**
     * Stock camel-mail only runs against one mailbox: its one-thread-per-consumer cost would swamp a 1,000-account
     * run. A growth-only scenario runs the raw readers and mailbridge. mailbridge-warm runs on one mailbox, to show
     * how much of the gap to raw is the JIT warming up. mailbridge-1s (a 1 s poll interval) is not run by default
     * since backlogs drain greedily; name it with --contenders to compare.
     */
    List<ContenderKind> contenders() {
        if (manyAccounts() || !everyContender) {
            return List.of(ContenderKind.RAW_EACH, ContenderKind.RAW_CHUNKED, ContenderKind.MAILBRIDGE);
        }
        return List.of(ContenderKind.RAW_EACH, ContenderKind.RAW_CHUNKED, ContenderKind.CAMEL_MAIL,
                ContenderKind.MAILBRIDGE, ContenderKind.MAILBRIDGE_WARM);
    }

    /** The messages a contender must finish: all of them. */
    int expected(ContenderKind kind) {
        return messages();
    }

    int pollIntervalSeconds(ContenderKind kind) {
        return kind == ContenderKind.MAILBRIDGE_1S ? 1 : pollIntervalSeconds;
    }

    static Scenario small(int messages, boolean everyContender) {
        return new Scenario("small-" + messages, String.format("%,d × ~1 KiB, 1 account", messages), 1, messages, 0,
                "512m", "512m", 60, 180 + messages / 8, everyContender);
    }

    static Scenario attachments(int messages, int mib) {
        return new Scenario("attach-" + messages + "x" + mib + "MiB",
                String.format("%,d × %d MiB attachment, 1 account", messages, mib), 1, messages, mib * MIB,
                "64m", "2g", 60, 300, true);
    }

    static Scenario accounts(int accounts, int messagesEach, int pollIntervalSeconds) {
        return new Scenario("accounts-" + accounts + "x" + messagesEach,
                String.format("%,d accounts × %d × ~1 KiB", accounts, messagesEach), accounts, messagesEach, 0,
                "256m", "512m", pollIntervalSeconds, 300, true);
    }

    static List<Scenario> full() {
        return List.of(small(1_000, true), small(5_000, false), small(10_000, true), attachments(200, 1),
                attachments(1, 25),
                accounts(100, 10, 10), accounts(1_000, 10, 10));
    }

    static List<Scenario> quick() {
        return List.of(small(300, true), attachments(10, 1), attachments(1, 25), accounts(50, 10, 5));
    }
}
