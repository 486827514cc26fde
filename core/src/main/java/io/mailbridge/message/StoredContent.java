package io.mailbridge.message;

/** What the {@link AttachmentStore} knows about stored bytes: their SHA-256 (lower-case hex) and their size. */
public record StoredContent(String sha256, long size) {
}
