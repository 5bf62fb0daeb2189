package org.parley.listener;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * A session's input with deadlines a client cannot stretch by dripping bytes: the session
 * ends by a time, a command line arrives whole within the idle time, and a message's data
 * keeps a least average rate. Each read waits only until the nearest deadline (the socket's
 * read time-out is set before it), so a stalled client is cut off on time.
 */
final class PacedInput extends FilterInputStream {
    /** How long data may start slowly before its rate counts (a client's TCP window opening). */
    private static final Duration DATA_GRACE = Duration.ofSeconds(10);

    private final Socket socket;
    private final Clock clock;
    private final long sessionEnd;
    private final long idle;
    private final int minDataRate;
    private final long grace;
    private long lineEnd = Long.MAX_VALUE;
    private long dataStart = -1;
    private long dataBytes;

    PacedInput(Socket socket, Clock clock, Duration sessionTime, Duration idle, int minDataRate) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.clock = clock;
        this.sessionEnd = clock.millis() + sessionTime.toMillis();
        this.idle = idle.toMillis();
        this.minDataRate = minDataRate;
        this.grace = Math.min(DATA_GRACE.toMillis(), this.idle);
    }

    /** A command line is awaited: it must come whole within the idle time. */
    void expectLine() {
        lineEnd = clock.millis() + idle;
        dataStart = -1;
    }

    /** A message's data is awaited: it must keep the least rate. */
    void expectData() {
        lineEnd = Long.MAX_VALUE;
        dataStart = clock.millis();
        dataBytes = 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long now = clock.millis();
        check(now);
        long wait = Math.min(idle, Math.min(sessionEnd, lineEnd) - now);
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, wait)));
        int n;
        try {
            n = super.read(b, off, len);
        } catch (SocketTimeoutException e) {
            check(clock.millis());
            throw e;
        }
        if (n > 0 && dataStart >= 0) {
            dataBytes += n;
        }
        return n;
    }

    private void check(long now) throws TooSlow {
        if (now >= sessionEnd) {
            throw new TooSlow("session lasted longer than allowed");
        }
        if (now >= lineEnd) {
            throw new TooSlow("command line not complete in time");
        }
        long elapsed = now - dataStart;
        if (dataStart >= 0 && minDataRate > 0 && elapsed > grace
                && dataBytes * 1000 / elapsed < minDataRate) {
            throw new TooSlow("data slower than " + minDataRate + " bytes a second");
        }
    }

    /** The client is too slow for one of the deadlines; the message says which. */
    static final class TooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlow(String message) {
            super(message);
        }
    }
}
