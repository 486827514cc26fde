package io.mailbridge.message;

/**
 * An attachment's metadata; its bytes live in the {@link AttachmentStore} under {@code sha256}.
 *
 * @param fileName decoded file name, or {@code null} when the part has none
 * @param size     decoded size in bytes
 * @param inline   true for {@code Content-Disposition: inline} parts (e.g. images referenced by the HTML)
 */
public record MailAttachment(String fileName, String contentType, long size, String sha256, boolean inline) {
}
