package io.mailbridge.message;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.SharedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Flattens a message's MIME tree into its leaves in document order, iteratively and at most {@value #MAX_DEPTH}
 * multiparts deep.
 *
 * <p>A multipart nested deeper than that, or one that cannot be split into parts at all, becomes one opaque leaf
 * (stored whole as an attachment) instead of being walked, so hostile nesting costs neither stack nor data.
 * Multiparts are parsed with a cleaned Content-Type and tolerate missing boundaries, missing end boundaries and
 * empty bodies.
 */
final class MimeParts {

    static final int MAX_DEPTH = 32;

    private MimeParts() {
    }

    static List<MimeLeaf> leaves(MimePart message, String fallbackCharset) throws MessagingException, IOException {
        List<MimeLeaf> leaves = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(new Node(message, 0, "text/plain"));
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            PartInfo info = PartInfo.of(node.part(), node.defaultType(), fallbackCharset);
            if (!info.isMultipart()) {
                leaves.add(new MimeLeaf(node.part(), info, false));
                continue;
            }
            List<MimeBodyPart> children = node.depth() < MAX_DEPTH ? children(node.part(), info) : null;
            if (children == null || children.isEmpty()) {
                if (TransferEncodings.hasContent(node.part())) {
                    leaves.add(new MimeLeaf(node.part(), info, true));
                }
                continue;
            }
            String childType = info.baseType().equals("multipart/digest") ? "message/rfc822" : "text/plain";
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(new Node(children.get(i), node.depth() + 1, childType));
            }
        }
        return leaves;
    }

    /** The parts of a multipart: none when it has no boundary line, {@code null} when it cannot be parsed. */
    private static List<MimeBodyPart> children(MimePart part, PartInfo info) {
        try {
            MultipartSource source = new MultipartSource(part, info);
            InputStream content = open(source);
            if (content == null) {
                return null;
            }
            if (content instanceof SharedInputStream) {
                return MultipartSplitter.split(content, new ContentType(source.getContentType()).getParameter("boundary"));
            }
            content.close();
            MimeMultipart multipart = new LenientMultipart(source);
            List<MimeBodyPart> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add((MimeBodyPart) multipart.getBodyPart(i));
            }
            return children;
        } catch (MessagingException | IOException unsplittable) {
            return null;
        }
    }

    /** The multipart's content, or {@code null} when it cannot be opened (as {@code MimeMultipart} treats it). */
    private static InputStream open(DataSource source) {
        try {
            return source.getInputStream();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private record Node(MimePart part, int depth, String defaultType) {
    }

    /** A multipart that tolerates what real mail does wrong, whatever the system properties say. */
    static final class LenientMultipart extends MimeMultipart {

        LenientMultipart(DataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected void initializeProperties() {
            super.initializeProperties();
            ignoreMissingEndBoundary = true;
            ignoreMissingBoundaryParameter = true;
            allowEmpty = true;
        }
    }

    /** A multipart part's content under a Content-Type that Jakarta Mail can parse, whatever the original said. */
    private record MultipartSource(MimePart part, PartInfo info) implements DataSource {

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return TransferEncodings.decoded(part, info.transferEncoding());
            } catch (MessagingException e) {
                throw new IOException("cannot read multipart content: " + e.getMessage(), e);
            }
        }

        @Override
        public String getContentType() {
            String[] type = info.baseType().split("/", 2);
            ParameterList parameters = new ParameterList();
            if (info.boundary() != null && !info.boundary().isBlank()) {
                parameters.set("boundary", info.boundary());
            }
            return new ContentType(type[0], type[1], parameters).toString();
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("multipart content is read-only");
        }
    }
}
