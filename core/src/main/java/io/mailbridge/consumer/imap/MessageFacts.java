package io.mailbridge.consumer.imap;

import java.time.Instant;

/** What the server says about a message before its body is fetched: UID, arrival time, size and flags. */
record MessageFacts(long uid, Instant receivedAt, long size, boolean seen, boolean deleted) {
}
