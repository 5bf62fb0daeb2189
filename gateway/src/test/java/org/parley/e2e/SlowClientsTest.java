package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.CLAIRE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client cannot shut the door for everyone: sessions per address are capped, and a
 * client that drips bytes is cut off by deadlines it cannot stretch.
 */
class SlowClientsTest {
    @TempDir
    Path dir;
    ForumFixture forum;
    final List<Socket> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader
                .set("parley.inbound.max-sessions", "8")
                .set("parley.inbound.max-sessions-per-client", "4")
                .set("parley.inbound.idle-timeout-seconds", "2")
                .set("parley.inbound.max-session-seconds", "4")
                .set("parley.inbound.min-data-rate", "500"));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        forum.close();
    }

    /** A connection from another loopback address than the tests' own 127.0.0.1. */
    private Socket connectFrom(String local) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", forum.server.smtpPort()));
        socket.setSoTimeout(10_000);
        open.add(socket);
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** Sends bytes one at a time with a pause, as a slowloris client does; stops when the server closes. */
    private static String drip(Socket socket, String text, long pauseMillis) throws Exception {
        OutputStream out = socket.getOutputStream();
        try {
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (IOException closed) {
            // the server cut us off, as it should
        }
        StringBuilder replies = new StringBuilder();
        try {
            for (String line = readLine(socket); !line.isEmpty(); line = readLine(socket)) {
                replies.append(line).append('\n');
            }
        } catch (IOException closed) {
            // reset after the 421
        }
        return replies.toString();
    }

    @Test
    void oneAddressHoldingItsMaximumLeavesTheDoorOpenForOthers() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertTrue(readLine(connectFrom("127.0.0.2")).startsWith("220 "));
        }
        String fifth = readLine(connectFrom("127.0.0.2"));
        assertTrue(fifth.startsWith("421 4.7.0 Too many connections from your address"), fifth);
        assertEquals(250, forum.post(CLAIRE, "strategies-fr", "Toujours ouvert", "Un message normal passe.").code());
    }

    @Test
    void aCommandLineDrippedAByteAtATimeIsCutOffAtTheIdleTime() throws Exception {
        Socket slow = connectFrom("127.0.0.3");
        readLine(slow);
        long start = System.nanoTime();
        String replies = drip(slow, "EHLO a-very-slow-client.example.org\r\n", 300);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(replies.contains("421 4.4.2") && replies.contains("command line not complete in time"), replies);
        assertTrue(seconds < 6, "cut off after " + seconds + " s");
    }

    @Test
    void aSessionKeptBusyWithCommandsEndsAtItsTime() throws Exception {
        Socket busy = connectFrom("127.0.0.4");
        readLine(busy);
        OutputStream out = busy.getOutputStream();
        String last = "";
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 40; i++) {
                out.write("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                last = readLine(busy);
                if (last.startsWith("421") || last.isEmpty()) {
                    break;
                }
                Thread.sleep(250);
            }
        } catch (IOException closed) {
            last = "closed";
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(last.startsWith("421 4.4.2") || last.equals("closed"), last);
        assertTrue(seconds >= 3 && seconds < 8, "ended after " + seconds + " s");
    }

    @Test
    void dataSlowerThanTheLeastRateIsCutOff() throws Exception {
        Socket slow = connectFrom("127.0.0.5");
        readLine(slow);
        OutputStream out = slow.getOutputStream();
        out.write(("HELO slow.example\r\nMAIL FROM:<" + CLAIRE + ">\r\nRCPT TO:<strategies-fr@forum.test>\r\nDATA\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 4; i++) {
            readLine(slow);
        }
        String replies = drip(slow, "Subject: slow\r\n\r\n" + "x".repeat(200) + "\r\n.\r\n", 20);
        assertTrue(replies.contains("421 4.4.2") && replies.contains("data slower than 500 bytes a second"), replies);
    }
}
