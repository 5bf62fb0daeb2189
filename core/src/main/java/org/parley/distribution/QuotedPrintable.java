package org.parley.distribution;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable encoding (RFC 2045, 6.7) of a text whose lines end in CRLF: printable
 * ASCII stays as it is, everything else and a space or tab at a line's end becomes
 * {@code =XX}, and a line longer than 76 characters is broken with a soft {@code =}. A list
 * copy's text that is mostly ASCII is encoded so ({@link TextBody}); a loop over a byte array
 * does it several times faster than a stream that writes a byte at a time.
 */
final class QuotedPrintable {
    /** Characters of a line before its soft break, which is the 76th. */
    private static final int WIDTH = 75;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {
    }

    static byte[] encode(byte[] in) {
        byte[] out = new byte[in.length + in.length / 4 + 16];
        int at = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n' || b == '\n') {
                out = room(out, at, 2);
                out[at++] = '\r';
                out[at++] = '\n';
                column = 0;
                i += b == '\r' ? 1 : 0;
                continue;
            }
            boolean literal = b == ' ' || b == '\t' ? !endOfLine(in, i + 1) : b >= 33 && b <= 126 && b != '=';
            int width = literal ? 1 : 3;
            out = room(out, at, width + 3);
            if (column + width > WIDTH) {
                out[at++] = '=';
                out[at++] = '\r';
                out[at++] = '\n';
                column = 0;
            }
            if (literal) {
                out[at++] = (byte) b;
            } else {
                out[at++] = '=';
                out[at++] = HEX[b >> 4];
                out[at++] = HEX[b & 0xf];
            }
            column += width;
        }
        return Arrays.copyOf(out, at);
    }

    /** Whether the text ends or a line break starts here: whitespace before it must be encoded. */
    private static boolean endOfLine(byte[] in, int i) {
        return i >= in.length || in[i] == '\n' || in[i] == '\r';
    }

    private static byte[] room(byte[] out, int at, int needed) {
        return at + needed <= out.length ? out : Arrays.copyOf(out, Math.max(out.length * 2, at + needed));
    }
}
