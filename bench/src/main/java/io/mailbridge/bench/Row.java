package io.mailbridge.bench;

/**
 * One contender's figures for one scenario, as the report shows them.
 *
 * @param bytes      the size of the whole mailbox as stored (RFC 822, CRLF)
 * @param unseenLeft messages the contender finished but the server still has without \Seen; -1 when not checked
 */
record Row(Scenario scenario, ContenderKind kind, Result result, long bytes, String heap, int unseenLeft) {

    private static final double MIB = 1024.0 * 1024.0;

    boolean complete() {
        return result.error() == null && result.delivered() >= scenario.expected(kind)
                && (!kind.commits() || unseenLeft == 0);
    }

    /**
     * Drain rate: messages per second from the contender's start (raw: before connecting; camel-mail and mailbridge:
     * the consumer route started) to its last finished message. The like-for-like figure of all contenders.
     */
    double messagesPerSecond() {
        return result.delivered() / result.lastSeconds();
    }

    /**
     * Messages per second from the first finished message to the last, the measure for mailbridge. Not
     * meaningful for raw-chunked reading, whose first message arrives with the whole first chunk.
     */
    double steadyMessagesPerSecond() {
        double window = result.lastSeconds() - result.firstSeconds();
        return result.delivered() > 1 && window > 0 ? (result.delivered() - 1) / window : Double.NaN;
    }

    double mibPerSecond() {
        return messagesPerSecond() * bytes / scenario.messages() / MIB;
    }

    double mailboxMib() {
        return bytes / MIB;
    }
}
