package org.parley.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast loopback SMTP server that accepts everything, counts it and throws it away; for
 * each Message-ID it keeps how many copies came and when the last one did.
 */
final class SmtpSink implements AutoCloseable {
    /** Copies of one message and the moment (nanoTime) the last one arrived. */
    static final class Tally {
        final AtomicLong copies = new AtomicLong();
        volatile long lastNanos;
    }

    private final ServerSocket server;
    private final AtomicLong delivered = new AtomicLong();
    private final Map<String, Tally> byMessageId = new ConcurrentHashMap<>();
    private volatile long firstNanos;
    private volatile long lastNanos;

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
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!readLine(in, line)) {
                    return;
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : "";
                switch (command) {
                    case "EHLO" -> write(out, "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 100000000\r\n");
                    case "DATA" -> {
                        write(out, "354 go\r\n");
                        out.flush();
                        String id = readData(in, line);
                        count(id);
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
        tally.copies.incrementAndGet();
        tally.lastNanos = now;
    }

    /** Reads the message up to the lone dot, noting its Message-ID on the way. */
    private static String readData(Lines in, StringBuilder line) throws IOException {
        String id = "";
        boolean headers = true;
        while (readLine(in, line)) {
            if (line.length() == 1 && line.charAt(0) == '.') {
                return id;
            }
            if (headers) {
                if (line.length() == 0) {
                    headers = false;
                } else if (id.isEmpty() && line.length() > 11 && line.substring(0, 11).equalsIgnoreCase("Message-ID:")) {
                    id = line.substring(11).strip();
                }
            }
        }
        throw new IOException("connection closed in DATA");
    }

    private static boolean readLine(Lines in, StringBuilder line) throws IOException {
        return in.next(line);
    }

    /** Lines from a socket, read in blocks: the sink must cost far less than what it measures. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[65536];
        private int pos;
        private int end;

        Lines(InputStream in) {
            this.in = in;
        }

        boolean buffered() {
            return pos < end;
        }

        boolean next(StringBuilder line) throws IOException {
            line.setLength(0);
            while (true) {
                if (pos == end) {
                    end = in.read(buffer);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return false;
                    }
                }
                int i = pos;
                while (i < end && buffer[i] != '\n') {
                    i++;
                }
                // Only short lines are kept whole: commands, headers, the final dot.
                if (line.length() < 1000) {
                    for (int j = pos; j < i && line.length() < 1000; j++) {
                        line.append((char) (buffer[j] & 0xff));
                    }
                }
                if (i < end) {
                    pos = i + 1;
                    int len = line.length();
                    if (len > 0 && line.charAt(len - 1) == '\r') {
                        line.setLength(len - 1);
                    }
                    return true;
                }
                pos = end;
            }
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
