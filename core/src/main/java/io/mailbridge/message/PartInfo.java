package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimePart;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the mapper needs to know about one MIME part, read leniently from its headers.
 *
 * @param baseType          lower-case {@code type/subtype} without parameters
 * @param disposition       lower-case disposition type, or {@code null}
 * @param fileName          decoded file name without path components, or {@code null}
 * @param transferEncoding  the Content-Transfer-Encoding as written, or {@code null}
 */
record PartInfo(String baseType, String charset, String boundary, String disposition, String fileName,
                String transferEncoding) {

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&.+^_-]+/[a-z0-9!#$&.+^_-]+");

    static PartInfo of(MimePart part, String defaultType, String fallbackCharset) throws MessagingException {
        String contentTypeHeader = part.getHeader("Content-Type", null);
        HeaderParameters contentType = HeaderParameters.parse(contentTypeHeader, fallbackCharset);
        HeaderParameters disposition = HeaderParameters.parse(part.getHeader("Content-Disposition", null), fallbackCharset);
        String fileName = disposition.get("filename") != null ? disposition.get("filename") : contentType.get("name");
        String dispositionType = disposition.value().toLowerCase(Locale.ROOT);
        return new PartInfo(baseType(contentType.value(), defaultType), contentType.get("charset"),
                contentType.get("boundary"), dispositionType.isEmpty() ? null : dispositionType,
                fileName(fileName, fallbackCharset), part.getHeader("Content-Transfer-Encoding", null));
    }

    boolean isMultipart() {
        return baseType.startsWith("multipart/");
    }

    boolean isInline() {
        return "inline".equals(disposition);
    }

    /** Whether the sender marked this part as a file rather than as the message text. */
    boolean isMarkedAsFile() {
        return fileName != null || "attachment".equals(disposition);
    }

    boolean hasDisposition() {
        return isInline() || "attachment".equals(disposition);
    }

    private static String baseType(String value, String defaultType) {
        String type = value.toLowerCase(Locale.ROOT);
        if (MEDIA_TYPE.matcher(type).matches()) {
            return type;
        }
        if (type.isEmpty()) {
            return defaultType;
        }
        return type.equals("text") ? "text/plain" : "application/octet-stream";
    }

    private static String fileName(String raw, String fallbackCharset) {
        if (raw == null) {
            return null;
        }
        String decoded = HeaderDecoding.decodeText(raw, fallbackCharset).strip();
        String name = decoded.substring(Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\')) + 1).strip();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? null : name;
    }
}
