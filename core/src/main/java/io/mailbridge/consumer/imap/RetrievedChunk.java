package io.mailbridge.consumer.imap;

import io.mailbridge.consumer.RetrievedMail;

import java.util.List;

/**
 * A chunk of UIDs as fetched: the messages spooled and ready to route, in UID order; a UID asked for but not among
 * them was expunged or flagged deleted meanwhile, and needs nothing more.
 */
public record RetrievedChunk(long[] asked, List<RetrievedMail> mails) {
}
