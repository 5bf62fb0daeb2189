package org.parley.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * An SMTP relay that answers some recipients as a real MTA would refuse them: a fixed reply
 * per address (e.g. 550 for an unknown mailbox, 451 for a full one), 250 for the others. It
 * offers PIPELINING, as Postfix does, so the refusals come inside pipelined transactions.
 */
final class ScriptedRelay implements AutoCloseable {
    /** One accepted copy: envelope sender, recipient and the message. */
    record Copy(String mailFrom, String recipient, String data) {
    }

    private final ServerSocket server;
    final Map<String, String> refusals = new ConcurrentHashMap<>();
    final List<Copy> copies = new CopyOnWriteArrayList<>();
    /** Copies whose end came with the next copy's envelope behind it, ahead of the reply (RFC 2920 3.1). */
    final AtomicInteger envelopesAhead = new AtomicInteger();
    /** After this many accepted copies in all, a session reads on but answers nothing more. */
    final AtomicInteger silentAfter = new AtomicInteger(Integer.MAX_VALUE);
    /** By the count of copies (1 for the first): the relay holds its answer to it until this holds, 10 s at most. */
    final Map<Integer, BooleanSupplier> holds = new ConcurrentHashMap<>();
    /** Answers held for the whole 10 s, their condition never met. */
    final AtomicInteger heldInVain = new AtomicInteger();

    ScriptedRelay() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::accept, "scripted-relay");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Copy> copiesTo(String recipient) {
        return copies.stream().filter(c -> c.recipient().equals(recipient)).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s), "scripted-relay-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 relay.test ESMTP");
            String from = "";
            String rcpt = "";
            String line;
            while ((line = in.readLine()) != null) {
                if (copies.size() >= silentAfter.get()) {
                    continue;
                }
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> reply(out, "250-relay.test\r\n250-PIPELINING\r\n250 8BITMIME");
                    case "MAIL" -> {
                        from = between(line);
                        rcpt = "";
                        reply(out, "250 ok");
                    }
                    case "RCPT" -> {
                        String to = between(line);
                        String refusal = refusals.get(to);
                        if (refusal == null) {
                            rcpt = to;
                        }
                        reply(out, refusal == null ? "250 ok" : refusal);
                    }
                    case "DATA" -> {
                        if (rcpt.isEmpty()) {
                            reply(out, "554 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                        }
                        if (line == null) {
                            return; // the client went away before the end of the message: nothing delivered
                        }
                        copies.add(new Copy(from, rcpt, data.toString()));
                        if (in.ready()) {
                            envelopesAhead.incrementAndGet();
                        }
                        hold(holds.get(copies.size()));
                        reply(out, "250 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void hold(BooleanSupplier until) {
        if (until == null) {
            return;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!until.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                heldInVain.incrementAndGet();
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String between(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? "" : line.substring(open + 1, close);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
