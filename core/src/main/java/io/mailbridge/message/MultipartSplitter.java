package io.mailbridge.message;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.SharedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a multipart held in a shared stream into its body parts exactly as Jakarta Mail's {@code MimeMultipart}
 * does for a shared stream with missing end boundaries, missing boundary parameters and empty bodies tolerated.
 *
 * <p>It runs the same line reading and the same Boyer-Moore windows, so it finds the same parts, but over a large
 * buffer instead of a mark, a read and a skip on the stream per window, which made the scan of a large attachment
 * cost more than decoding it. The parts stay slices of the shared stream, read only when their content is.
 */
final class MultipartSplitter {

    private final SharedInputStream shared;
    private final Window input;
    private int lineLength;

    private MultipartSplitter(SharedInputStream shared, InputStream in) {
        this.shared = shared;
        this.input = new Window(in);
    }

    /** The parts of the multipart in {@code in}, a shared stream; {@code boundary} is its parameter, or null. */
    static List<MimeBodyPart> split(InputStream in, String boundary) throws IOException, MessagingException {
        try (in) {
            return new MultipartSplitter((SharedInputStream) in, in).parts(boundary == null ? null : "--" + boundary);
        }
    }

    private List<MimeBodyPart> parts(String declaredBoundary) throws IOException, MessagingException {
        long origin = shared.getPosition();
        long position = 0;
        String boundary = declaredBoundary;
        boolean started = false;
        for (long next = readLine(position); lineLength >= 0; next = readLine(position)) {
            String line = stripTrailingBlanks(input.text(position, lineLength));
            position = next;
            if (boundary != null) {
                if (line.equals(boundary)) {
                    started = true;
                    break;
                }
                if (line.length() == boundary.length() + 2 && line.startsWith(boundary) && line.endsWith("--")) {
                    break;
                }
            } else if (line.length() > 2 && line.startsWith("--") && !(line.length() > 4 && allDashes(line))) {
                boundary = line;
                started = true;
                break;
            }
        }
        List<MimeBodyPart> parts = new ArrayList<>();
        if (started) {
            BoundaryScan scan = new BoundaryScan(input, boundary);
            boolean done = false;
            while (!done) {
                long start = position;
                do {
                    position = readLine(position);
                } while (lineLength > 0);
                if (lineLength < 0) {
                    break;
                }
                done = scan.next(position);
                position = scan.nextPart();
                parts.add(new MimeBodyPart(shared.newStream(origin + start, origin + scan.end())));
            }
        }
        return parts;
    }

    /** Reads a line as Angus' {@code LineInputStream} does; sets {@link #lineLength}, -1 at the end of input. */
    private long readLine(long from) throws IOException {
        long p = from;
        int length = 0;
        int c;
        while ((c = input.at(p)) != -1) {
            p++;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                long afterCr = p;
                int c2 = input.at(p);
                if (c2 != -1) {
                    p++;
                }
                if (c2 == '\r') {
                    c2 = input.at(p);
                    if (c2 != -1) {
                        p++;
                    }
                }
                if (c2 != '\n') {
                    p = afterCr;
                }
                break;
            }
            length++;
        }
        lineLength = c == -1 && length == 0 ? -1 : length;
        return p;
    }

    private static String stripTrailingBlanks(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean allDashes(String line) {
        return line.chars().allMatch(c -> c == '-');
    }

    /** The stream's bytes by absolute position, buffered in one growing array from a release point on. */
    static final class Window {

        private final InputStream in;
        private byte[] buffer = new byte[64 * 1024];
        private long base;
        private int length;
        private long released;
        private boolean eof;

        Window(InputStream in) {
            this.in = in;
        }

        /** The byte at {@code position} (not before the release point), or -1 past the end. */
        int at(long position) throws IOException {
            long offset = position - base;
            while (offset >= length) {
                if (eof || !fill()) {
                    return -1;
                }
                offset = position - base;
            }
            return buffer[(int) offset] & 0xff;
        }

        /** Bytes before {@code position} will not be asked for again. */
        void release(long position) {
            released = Math.max(released, position);
        }

        /** The end of input; only valid once {@link #at} has returned -1. */
        long end() {
            return base + length;
        }

        String text(long position, int count) {
            return new String(buffer, (int) (position - base), count, StandardCharsets.ISO_8859_1);
        }

        private boolean fill() throws IOException {
            int discard = (int) Math.min(Math.max(released - base, 0), length);
            if (discard > 0 && length == buffer.length) {
                System.arraycopy(buffer, discard, buffer, 0, length - discard);
                length -= discard;
                base += discard;
            }
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read <= 0) {
                eof = true;
                return false;
            }
            length += read;
            return true;
        }
    }
}
