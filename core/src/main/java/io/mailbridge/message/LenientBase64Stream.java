package io.mailbridge.message;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes base64 with exactly the results of Angus' {@code BASE64DecoderStream} ignoring errors, but a block at a
 * time where the input is plain groups of four base64 characters, instead of one method call per character.
 *
 * <p>Angus' quirks are kept because stored attachments must not change: characters outside the alphabet are
 * skipped, byte 0xFF reads as 'A', a padding character ends the current read (a read that ends before its first
 * group reports the end of input, a later read goes on decoding), and a truncated last group is zero-padded.
 */
final class LenientBase64Stream extends FilterInputStream {

    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
        VALUES[0xff] = 0;
    }

    private static final int END = -1;
    private static final int PADDING = -2;

    private final byte[] single = new byte[3];
    private int singleSize;
    private int singleIndex;
    private final byte[] input = new byte[64 * 1024];
    private int inputPosition;
    private int inputLength;

    LenientBase64Stream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (singleIndex >= singleSize) {
            singleSize = decode(single, 0, single.length);
            if (singleSize <= 0) {
                return -1;
            }
            singleIndex = 0;
        }
        return single[singleIndex++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int off = offset;
        int len = length;
        while (singleIndex < singleSize && len > 0) {
            buffer[off++] = single[singleIndex++];
            len--;
        }
        if (singleIndex >= singleSize) {
            singleSize = 0;
            singleIndex = 0;
        }
        int whole = len / 3 * 3;
        if (whole > 0) {
            int size = decode(buffer, off, whole);
            off += size;
            len -= size;
            if (size != whole) {
                return off == offset ? -1 : off - offset;
            }
        }
        for (; len > 0; len--) {
            int c = read();
            if (c == -1) {
                break;
            }
            buffer[off++] = (byte) c;
        }
        return off == offset ? -1 : off - offset;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        for (long left = n; left > 0 && read() >= 0; left--) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public int available() throws IOException {
        return in.available() * 3 / 4 + (singleSize - singleIndex);
    }

    private int decode(byte[] out, int start, int length) throws IOException {
        int pos = start;
        int len = length;
        while (len >= 3) {
            int groups = Math.min(len / 3, (inputLength - inputPosition) / 4);
            int decoded = decodeGroups(out, pos, groups);
            pos += decoded * 3;
            len -= decoded * 3;
            if (len < 3) {
                break;
            }
            int got = 0;
            int value = 0;
            while (got < 4) {
                int c = next();
                if (c >= 0) {
                    value = value << 6 | c;
                    got++;
                    continue;
                }
                if (got == 0) {
                    return pos - start;
                }
                return pos - start + lastGroup(out, pos, got, value, c == END);
            }
            out[pos] = (byte) (value >> 16);
            out[pos + 1] = (byte) (value >> 8);
            out[pos + 2] = (byte) value;
            pos += 3;
            len -= 3;
        }
        return pos - start;
    }

    /** Decodes up to {@code groups} groups of four alphabet characters from the input buffer; stops at any other. */
    private int decodeGroups(byte[] out, int pos, int groups) {
        byte[] in = input;
        int p = inputPosition;
        int o = pos;
        int done = 0;
        for (; done < groups; done++) {
            int a = VALUES[in[p] & 0xff];
            int b = VALUES[in[p + 1] & 0xff];
            int c = VALUES[in[p + 2] & 0xff];
            int d = VALUES[in[p + 3] & 0xff];
            if ((a | b | c | d) < 0) {
                break;
            }
            int value = a << 18 | b << 12 | c << 6 | d;
            out[o] = (byte) (value >> 16);
            out[o + 1] = (byte) (value >> 8);
            out[o + 2] = (byte) value;
            o += 3;
            p += 4;
        }
        inputPosition = p;
        return done;
    }

    /** A group cut short by padding or by the end: zero-filled, as many bytes as it has characters less one. */
    private int lastGroup(byte[] out, int pos, int got, int partial, boolean atEnd) throws IOException {
        int size = got - 1 == 0 ? 1 : got - 1;
        int value = partial << 6;
        for (int have = got + 1; have < 4; have++) {
            if (!atEnd) {
                next();
            }
            value <<= 6;
        }
        value >>= 8;
        if (size == 2) {
            out[pos + 1] = (byte) value;
        }
        out[pos] = (byte) (value >> 8);
        return size;
    }

    /** The next alphabet value, {@link #PADDING} for '=', {@link #END} at the end; other characters are skipped. */
    private int next() throws IOException {
        int c;
        do {
            if (inputPosition >= inputLength) {
                try {
                    inputLength = in.read(input);
                } catch (EOFException e) {
                    return END;
                }
                if (inputLength <= 0) {
                    return END;
                }
                inputPosition = 0;
            }
            c = input[inputPosition++] & 0xff;
            if (c == '=') {
                return PADDING;
            }
            c = VALUES[c];
        } while (c == -1);
        return c;
    }
}
