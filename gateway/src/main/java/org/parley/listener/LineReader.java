package org.parley.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads CRLF (or bare LF) terminated lines as bytes from a stream, block by block: the one
 * reader of SMTP lines, for the listener (whole lines, with a limit), for the replies the
 * relay client and the other clients read, and for the benchmark's sink (only the start of
 * each line, nothing allocated). One thread's: no lock is taken.
 */
public final class LineReader {
    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean crlf;

    LineReader(InputStream in) {
        this(in, 16384);
    }

    public LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Whether the last line read ended with CR LF, the only line ending of SMTP (RFC 5321 2.3.8). */
    boolean endedWithCrLf() {
        return crlf;
    }

    /** Whether more input is already here, so replies can wait to be flushed together (PIPELINING). */
    public boolean hasBuffered() throws IOException {
        return start < end || in.available() > 0;
    }

    /**
     * The next line without its line ending, or null at end of stream. A line over max
     * bytes is consumed and reported as {@link TooLong}.
     */
    public byte[] readLine(int max) throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (!fill()) {
                crlf = false;
                return line == null ? null : strip(line.toByteArray());
            }
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] result;
                    if (line == null) {
                        result = Arrays.copyOfRange(buffer, start, i);
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
                line = new ByteArrayOutputStream();
            }
            line.write(buffer, start, end - start);
            start = end;
            if (line.size() > max + 2) {
                skipToLineEnd();
                throw new TooLong();
            }
        }
    }

    /**
     * Reads the next line but keeps only its start: the first {@code into.length} bytes are
     * copied into {@code into}, the rest is only scanned for the line's end. Returns how many
     * bytes were kept, the line ending left out, or -1 at the end of the stream.
     */
    public int readLineStart(byte[] into) throws IOException {
        int length = 0;
        while (true) {
            if (!fill()) {
                return -1;
            }
            int i = start;
            while (i < end && buffer[i] != '\n') {
                i++;
            }
            int keep = Math.min(i - start, into.length - length);
            System.arraycopy(buffer, start, into, length, keep);
            length += keep;
            if (i < end) {
                start = i + 1;
                crlf = length > 0 && into[length - 1] == '\r';
                return crlf ? length - 1 : length;
            }
            start = end;
        }
    }

    private void skipToLineEnd() throws IOException {
        while (true) {
            if (!fill()) {
                return;
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

    /** Reads the next block once the buffer is used up; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (start < end) {
            return true;
        }
        end = in.read(buffer, 0, buffer.length);
        start = 0;
        if (end <= 0) {
            end = 0;
            return false;
        }
        return true;
    }

    private static byte[] strip(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    /** A line longer than the limit. */
    static final class TooLong extends IOException {
        TooLong() {
            super("line too long");
        }
    }
}
