package org.parley.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.admin.AdminException;
import org.parley.admin.ExitCode;
import org.parley.listener.LineReader;
import org.parley.relay.SmtpReply;

/**
 * The limit: a bare SMTP client with no store and no work but sending, pipelining as
 * Parley does (each transaction's commands, and each envelope behind the message before it)
 * and reusing its connections, sends pre-built copies to the sink.
 *
 * <p>It runs in a JVM of its own, as Parley's server does ({@link #inOwnJvm}): a client in
 * the sink's own process hands each round trip to a thread of the same address space, which
 * no sender in another process can; on the two-core VM this bench was built on, beside the
 * sink it sent 20-32 % more copies a second. The bench runs it there too, for comparison.
 */
final class BareClient {
    private BareClient() {
    }

    /**
     * In a JVM of its own: {@code port message-file warm-up-copies copies rounds connections};
     * prints the nanoseconds of each round, one a line.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] message = Files.readAllBytes(Path.of(args[1]));
        long warmUp = Long.parseLong(args[2]);
        long copies = Long.parseLong(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        try {
            if (warmUp > 0) {
                send(port, message, warmUp, connections);
            }
            for (int round = 0; round < rounds; round++) {
                System.out.println(send(port, message, copies, connections));
            }
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage()); // one line for the bench to pass on
            System.exit(1);
        }
    }

    /**
     * Starts the bare client in a JVM of its own ({@code launcher} is the java command up to
     * Parley's main class), warms it up, runs its rounds; returns the nanoseconds of each.
     */
    static List<Long> inOwnJvm(List<String> launcher, Path dir, int port, byte[] message, long warmUp, long copies,
                               int rounds, int connections) throws IOException, InterruptedException {
        Path file = dir.resolve("bare-client-copy.eml");
        Files.write(file, message);
        List<String> command = new ArrayList<>(launcher.subList(0, launcher.size() - 1));
        command.addAll(List.of(BareClient.class.getName(), String.valueOf(port), file.toString(),
                String.valueOf(warmUp), String.valueOf(copies), String.valueOf(rounds), String.valueOf(connections)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<Long> nanos = process.waitFor() != 0 ? List.of()
                : said.lines().map(String::strip).filter(line -> line.matches("\\d+")).map(Long::valueOf).toList();
        if (nanos.size() != rounds) {
            throw new AdminException("the bench's bare client, in a JVM of its own, failed (exit code "
                    + process.exitValue() + "): " + said.strip(), ExitCode.UNAVAILABLE);
        }
        return nanos;
    }

    /** Sends copies over connections in parallel; returns the elapsed nanoseconds. */
    static long send(int port, byte[] message, long copies, int connections) throws InterruptedException {
        AtomicLong left = new AtomicLong(copies);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                try {
                    sendOn(port, message, left);
                } catch (IOException e) {
                    // A client that stopped early would pass for a fast one: the round fails.
                    failure.compareAndSet(null, new IllegalStateException("bare client: " + e.getMessage(), e));
                    left.set(0);
                }
            }, "bare-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return System.nanoTime() - start;
    }

    private static void sendOn(int port, byte[] message, AtomicLong left) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            // Replies read as Parley's relay client reads them.
            LineReader in = new LineReader(socket.getInputStream(), 8192);
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
        }
    }

    private static byte[] envelope(long n) {
        return ("MAIL FROM:<bench-bounces+" + n + "@bench.test>\r\nRCPT TO:<m" + n + "@bench.test>\r\nDATA\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
