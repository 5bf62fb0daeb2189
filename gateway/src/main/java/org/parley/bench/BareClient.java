package org.parley.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.relay.SmtpReply;

/**
 * The limit: a bare SMTP client with no store and no work but sending, pipelining as
 * Parley does (each transaction's commands, and each envelope behind the message before it)
 * and reusing its connections, sends pre-built copies to the sink.
 */
final class BareClient {
    private BareClient() {
    }

    /** Sends copies over connections in parallel; returns the elapsed nanoseconds. */
    static long send(int port, byte[] message, long copies, int connections) throws InterruptedException {
        AtomicLong left = new AtomicLong(copies);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 65536);
                    SmtpReply.read(in);
                    out.write("EHLO bare\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    SmtpReply.read(in);
                    // Pipelined as Parley's relay client does: each copy's envelope goes out
                    // behind the message before it, so a copy costs one round trip.
                    long n = 0;
                    boolean more = left.getAndDecrement() > 0;
                    if (more) {
                        out.write(envelope(++n));
                        out.flush();
                    }
                    while (more) {
                        SmtpReply.read(in);
                        SmtpReply.read(in);
                        SmtpReply.read(in);
                        out.write(message);
                        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                        more = left.getAndDecrement() > 0;
                        if (more) {
                            out.write(envelope(++n));
                        }
                        out.flush();
                        SmtpReply.read(in);
                    }
                    out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("bare client: " + e.getMessage(), e);
                }
            }, "bare-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return System.nanoTime() - start;
    }

    private static byte[] envelope(long n) {
        return ("MAIL FROM:<bench-bounces+" + n + "@bench.test>\r\nRCPT TO:<m" + n + "@bench.test>\r\nDATA\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
