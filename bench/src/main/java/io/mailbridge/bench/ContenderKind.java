package io.mailbridge.bench;

/** The ways of draining a mailbox the harness compares. */
enum ContenderKind {

    RAW_EACH("raw-each", "raw Angus, one FETCH BODY.PEEK[] per message", false),
    RAW_CHUNKED("raw-chunked", "raw Angus, whole messages prefetched 500 at a time", false),
    CAMEL_MAIL("camel-mail", "stock camel-mail imaps consumer, default options", true),
    MAILBRIDGE("mailbridge", "mailbridge end to end (ledger, MailMessage, JSON, \\Seen after success), default"
            + " pollInterval (60 s) and maxMessagesPerPoll (50)", true),
    MAILBRIDGE_1S("mailbridge-1s", "mailbridge as above with pollInterval 1 s, which bounds the wait after each"
            + " batch of 50 (see BENCHMARKS.md: a backlog drains one batch per poll interval)", true),
    MAILBRIDGE_WARM("mailbridge-warm", "mailbridge as the default one, in a JVM that first drained the same load"
            + " twice from another mailbox (user warmup): a long-running node, its JIT compilation done", true);

    private final String id;
    private final String description;
    private final boolean commits;

    ContenderKind(String id, String description, boolean commits) {
        this.id = id;
        this.description = description;
        this.commits = commits;
    }

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    /** Whether it flags every message \Seen, which the harness then verifies on the server. */
    boolean commits() {
        return commits;
    }

    boolean mailbridge() {
        return this == MAILBRIDGE || this == MAILBRIDGE_1S || this == MAILBRIDGE_WARM;
    }

    boolean raw() {
        return this == RAW_EACH || this == RAW_CHUNKED;
    }

    static ContenderKind of(String id) {
        for (ContenderKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown contender '" + id + "'");
    }
}
