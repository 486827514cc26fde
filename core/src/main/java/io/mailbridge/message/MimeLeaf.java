package io.mailbridge.message;

import jakarta.mail.internet.MimePart;

/**
 * A leaf of a message's MIME tree: a part with content, or a multipart kept whole ({@code opaque}) because it is
 * nested too deep or cannot be split.
 */
record MimeLeaf(MimePart part, PartInfo info, boolean opaque) {

    /** Whether this leaf may be the message's body of {@code type} ({@code text/plain} or {@code text/html}). */
    boolean isBodyCandidate(String type) {
        return !opaque && info.baseType().equals(type) && !info.isMarkedAsFile();
    }

    /** Whether this leaf, when it is not the chosen body, is an attachment rather than an ignored text part. */
    boolean isAttachment() {
        return opaque || info.fileName() != null || info.hasDisposition() || !info.baseType().startsWith("text/");
    }
}
