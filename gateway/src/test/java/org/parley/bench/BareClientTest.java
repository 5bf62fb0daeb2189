package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.admin.AdminException;
import org.parley.cli.Main;

/** The yardstick of deliveries: the bare client, in a JVM of its own and beside the sink. */
class BareClientTest {
    private static final byte[] COPY = ("From: a@bench.test\r\nMessage-ID: <bare-1@bench.test>\r\nSubject: x\r\n\r\n"
            + ".a line that starts with a dot, stuffed\r\n").getBytes(StandardCharsets.US_ASCII);

    private static List<String> launcher() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
    }

    @Test
    void inAJvmOfItsOwnItSendsEachRoundToTheSinkAndSaysHowLongItTook(@TempDir Path dir) throws Exception {
        try (SmtpSink sink = new SmtpSink()) {
            List<Long> rounds = BareClient.inOwnJvm(launcher(), dir, sink.port(), COPY, 10, 50, 2, 3);
            assertEquals(2, rounds.size());
            assertTrue(rounds.stream().allMatch(n -> n > 0), rounds.toString());
            assertEquals(10 + 2 * 50, sink.delivered());
            assertEquals(110, sink.tallies().get("<bare-1@bench.test>").copies.get());
        }
    }

    @Test
    void aClientThatCannotSendFailsTheRoundRatherThanPassingForAFastOne(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        IllegalStateException beside = assertThrows(IllegalStateException.class,
                () -> BareClient.send(port, COPY, 100, 2));
        assertTrue(beside.getMessage().startsWith("bare client: "), beside.getMessage());
        AdminException own = assertThrows(AdminException.class,
                () -> BareClient.inOwnJvm(launcher(), dir, port, COPY, 0, 100, 2, 2));
        assertTrue(own.getMessage().startsWith("the bench's bare client, in a JVM of its own, failed (exit code 1): "
                + "bare client: "), own.getMessage());
        assertEquals(1, own.getMessage().lines().count(), own.getMessage());
    }
}
