package org.parley.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.listener.LineReader;

/**
 * A fast loopback SMTP server that accepts everything, counts it and throws it away; for
 * each Message-ID it keeps how many copies came and when the last one did.
 */
final class SmtpSink implements AutoCloseable {
    /** Copies of one message and the moments (nanoTime) the first and the last arrived. */
    static final class Tally {
        final AtomicLong copies = new AtomicLong();
        volatile long firstNanos;
        volatile long lastNanos;
    }

    private final ServerSocket server;
    private final AtomicLong delivered = new AtomicLong();
    private final Map<String, Tally> byMessageId = new ConcurrentHashMap<>();
    private volatile long firstNanos;
    private volatile long lastNanos;
    /** Armed: the next message is kept whole, as it came on the wire (dot-stuffed). */
    private final AtomicBoolean capturing = new AtomicBoolean();
    private volatile byte[] captured;

    SmtpSink() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Thread t = new Thread(this::acceptLoop, "smtp-sink");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long delivered() {
        return delivered.get();
    }

    long firstNanos() {
        return firstNanos;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** Keeps the next message that comes, whole; {@link #captured()} gives it once it has. */
    void captureNext() {
        captured = null;
        capturing.set(true);
    }

    /** The message kept after {@link #captureNext()}, as the wire carried it; null if none came yet. */
    byte[] captured() {
        return captured;
    }

    Map<String, Tally> tallies() {
        return byMessageId;
    }

    void reset() {
        delivered.set(0);
        byMessageId.clear();
        firstNanos = 0;
        lastNanos = 0;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> session(socket), "smtp-sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            Lines in = new Lines(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            write(out, "220 sink ESMTP\r\n");
            out.flush();
            while (true) {
                if (!in.next()) {
                    return;
                }
                switch (in.command()) {
                    case "EHLO" -> write(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 100000000\r\n");
                    case "DATA" -> {
                        write(out, "354 go\r\n");
                        out.flush();
                        count(readData(in));
                        write(out, "250 ok\r\n");
                    }
                    case "QUIT" -> {
                        write(out, "221 bye\r\n");
                        out.flush();
                        return;
                    }
                    default -> write(out, "250 ok\r\n");
                }
                if (!in.buffered()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void count(String messageId) {
        long now = System.nanoTime();
        if (delivered.getAndIncrement() == 0) {
            firstNanos = now;
        }
        lastNanos = now;
        Tally tally = byMessageId.computeIfAbsent(messageId, k -> new Tally());
        if (tally.copies.getAndIncrement() == 0) {
            tally.firstNanos = now;
        }
        tally.lastNanos = now;
    }

    /**
     * Reads the message up to the lone dot, noting its Message-ID on the way; when asked to,
     * keeps it whole (as the wire carried it: SMTP lines are at most 1,000 octets).
     */
    private String readData(Lines in) throws IOException {
        ByteArrayOutputStream kept = capturing.compareAndSet(true, false) ? new ByteArrayOutputStream() : null;
        String id = "";
        boolean headers = true;
        while (in.next()) {
            if (in.isDot()) {
                if (kept != null) {
                    captured = kept.toByteArray();
                }
                return id;
            }
            if (kept != null) {
                in.copyTo(kept);
            }
            if (headers) {
                if (in.isEmpty()) {
                    headers = false;
                } else if (id.isEmpty() && in.startsWith("message-id:")) {
                    id = in.text().substring(11).strip();
                }
            }
        }
        throw new IOException("connection closed in DATA");
    }

    /**
     * The start of each line from a socket, kept as bytes: the sink must cost far less than
     * what it measures, so a body line is only scanned for its end, never turned into text.
     */
    private static final class Lines {
        /** Only the start of a line is kept: enough for commands, headers and the final dot. */
        private static final int KEPT = 1000;

        private final LineReader reader;
        private final byte[] line = new byte[KEPT];
        private int length;

        Lines(InputStream in) {
            this.reader = new LineReader(in, 65536);
        }

        boolean buffered() throws IOException {
            return reader.hasBuffered();
        }

        /** Reads the next line (without its CRLF); false at the end of the stream. */
        boolean next() throws IOException {
            length = reader.readLineStart(line);
            return length >= 0;
        }

        boolean isDot() {
            return length == 1 && line[0] == '.';
        }

        boolean isEmpty() {
            return length == 0;
        }

        /** Whether the line starts with prefix, which is lower case, in any case. */
        boolean startsWith(String prefix) {
            if (length < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (Character.toLowerCase((char) line[i]) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The command word of an SMTP command line, upper case. */
        String command() {
            return length < 4 ? "" : new String(line, 0, 4, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        }

        /** The line and its CRLF. */
        void copyTo(ByteArrayOutputStream out) {
            out.write(line, 0, length);
            out.write('\r');
            out.write('\n');
        }

        String text() {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
