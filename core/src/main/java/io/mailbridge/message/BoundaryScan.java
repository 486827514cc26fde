package io.mailbridge.message;

import java.io.IOException;

/**
 * Finds where a multipart body part ends: the Boyer-Moore search of Jakarta Mail's {@code MimeMultipart.parse}
 * with its shift tables, its line-start and line-end rules for a boundary, and its window positions, over a
 * {@link MultipartSplitter.Window}.
 */
final class BoundaryScan {

    private final MultipartSplitter.Window input;
    private final byte[] boundary;
    private final int[] badCharacterShift = new int[256];
    private final int[] goodSuffixShift;
    private long end;
    private long nextPart;

    BoundaryScan(MultipartSplitter.Window input, String boundary) {
        this.input = input;
        this.boundary = new byte[boundary.length()];
        for (int i = 0; i < boundary.length(); i++) {
            // MimeUtility.getBytes: the low byte of each character
            this.boundary[i] = (byte) boundary.charAt(i);
        }
        int length = this.boundary.length;
        for (int i = 0; i < length; i++) {
            badCharacterShift[this.boundary[i] & 0xff] = i + 1;
        }
        goodSuffixShift = goodSuffixShift(this.boundary);
    }

    /** Where the part ending at the boundary after {@code bodyStart} ends ({@link #end()}); true if it is the last. */
    boolean next(long bodyStart) throws IOException {
        int length = boundary.length;
        long window = bodyStart;
        while (true) {
            if (input.at(window + length - 1) == -1) {
                end = input.end();
                nextPart = end;
                return true;
            }
            int i = length - 1;
            while (i >= 0 && input.at(window + i) == (boundary[i] & 0xff)) {
                i--;
            }
            if (i < 0) {
                int eol = window == bodyStart ? 0 : lineBreakBefore(window, bodyStart);
                if (window == bodyStart || eol > 0) {
                    end = window - eol;
                    long after = window + length;
                    int c = input.at(after);
                    if (c == '-') {
                        if (input.at(after + 1) == '-') {
                            nextPart = after + 2;
                            return true;
                        }
                    } else {
                        while (c == ' ' || c == '\t') {
                            c = input.at(++after);
                        }
                        if (c == '\n') {
                            nextPart = after + 1;
                            return false;
                        }
                        if (c == '\r') {
                            nextPart = input.at(after + 1) == '\n' ? after + 2 : after + 1;
                            return false;
                        }
                    }
                }
                i = 0;
            }
            int skip = Math.max(i + 1 - badCharacterShift[input.at(window + i)], goodSuffixShift[i]);
            window += skip;
            input.release(window - 2);
        }
    }

    /** The end of the part found by the last {@link #next}. */
    long end() {
        return end;
    }

    /** Where the next part's headers start. */
    long nextPart() {
        return nextPart;
    }

    private int lineBreakBefore(long window, long bodyStart) throws IOException {
        int b = input.at(window - 1);
        if (b != '\r' && b != '\n') {
            return 0;
        }
        return b == '\n' && window - 2 >= bodyStart && input.at(window - 2) == '\r' ? 2 : 1;
    }

    private static int[] goodSuffixShift(byte[] boundary) {
        int length = boundary.length;
        int[] shift = new int[length];
        next:
        for (int i = length; i > 0; i--) {
            int j;
            for (j = length - 1; j >= i; j--) {
                if (boundary[j] == boundary[j - i]) {
                    shift[j - 1] = i;
                } else {
                    continue next;
                }
            }
            while (j > 0) {
                shift[--j] = i;
            }
        }
        shift[length - 1] = 1;
        return shift;
    }
}
