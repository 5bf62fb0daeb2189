package org.parley.listener;

import java.io.IOException;
import java.io.InputStream;

/** Reads CRLF (or bare LF) terminated lines as bytes, with a limit, from a buffered stream. */
final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[16384];
    private int start;
    private int end;
    private boolean crlf;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Whether the last line read ended with CR LF, the only line ending of SMTP (RFC 5321 2.3.8). */
    boolean endedWithCrLf() {
        return crlf;
    }

    /** Whether more input is already here, so replies can wait to be flushed together (PIPELINING). */
    boolean hasBuffered() throws IOException {
        return start < end || in.available() > 0;
    }

    /**
     * The next line without its line ending, or null at end of stream. A line over max
     * bytes is consumed and reported as {@link TooLong}.
     */
    byte[] readLine(int max) throws IOException {
        java.io.ByteArrayOutputStream line = null;
        while (true) {
            if (start == end) {
                end = in.read(buffer, 0, buffer.length);
                start = 0;
                if (end <= 0) {
                    end = 0;
                    crlf = false;
                    return line == null ? null : strip(line.toByteArray());
                }
            }
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] result;
                    if (line == null) {
                        result = java.util.Arrays.copyOfRange(buffer, start, i);
                    } else {
                        line.write(buffer, start, i - start);
                        result = line.toByteArray();
                    }
                    start = i + 1;
                    crlf = result.length > 0 && result[result.length - 1] == '\r';
                    if (result.length > max) {
                        throw new TooLong();
                    }
                    return strip(result);
                }
            }
            if (line == null) {
                line = new java.io.ByteArrayOutputStream();
            }
            line.write(buffer, start, end - start);
            start = end;
            if (line.size() > max + 2) {
                skipToLineEnd();
                throw new TooLong();
            }
        }
    }

    private void skipToLineEnd() throws IOException {
        while (true) {
            if (start == end) {
                end = in.read(buffer, 0, buffer.length);
                start = 0;
                if (end <= 0) {
                    end = 0;
                    return;
                }
            }
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    start = i + 1;
                    return;
                }
            }
            start = end;
        }
    }

    private static byte[] strip(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? java.util.Arrays.copyOf(line, line.length - 1) : line;
    }

    /** A line longer than the limit. */
    static final class TooLong extends IOException {
        TooLong() {
            super("line too long");
        }
    }
}
