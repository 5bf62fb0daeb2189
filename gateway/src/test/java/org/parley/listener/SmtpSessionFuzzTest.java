package org.parley.listener;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.config.SettingsLoader;

/**
 * Whatever bytes a client sends, the SMTP session answers, ends, and leaves the listener
 * serving the next client; a message is taken only when it ended with CRLF.CRLF.
 */
class SmtpSessionFuzzTest {
    private static final AtomicLong STORED = new AtomicLong();
    private static final SmtpListener LISTENER = listener();

    private static SmtpListener listener() {
        try {
            return new SmtpListener(SettingsLoader.defaults().set("parley.domain", "forum.test")
                    .set("parley.inbound.port", "0").set("parley.inbound.idle-timeout-seconds", "1")
                    .set("parley.secret", "fuzz").load(), new MailSink() {
                        @Override
                        public boolean accepts(String recipient) {
                            return recipient.equalsIgnoreCase("strategies-fr@forum.test");
                        }

                        @Override
                        public List<Long> accept(String mailFrom, List<String> recipients, String remoteHost, byte[] raw) {
                            return List.of(STORED.incrementAndGet());
                        }
                    }, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String converse(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", LISTENER.port())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.write("\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the session may end before all is written (QUIT, a 421): that is an answer too
            }
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[4096];
            int n;
            try {
                n = in.read(reply);
            } catch (SocketTimeoutException | SocketException e) {
                n = 0;
            }
            return n <= 0 ? "" : new String(reply, 0, n, StandardCharsets.US_ASCII);
        }
    }

    @SuppressWarnings("try") // the permission is held for the block, not used
    @FuzzTest(maxDuration = "10m")
    void anyConversationEndsAndTheListenerServesTheNext(byte[] bytes) throws IOException {
        // The only connections this test makes are its own, to the listener on loopback.
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections()) {
            String greeting = converse(bytes);
            assertTrue(greeting.isEmpty() || greeting.startsWith("220 "), greeting);
            String next = converse("EHLO next.example".getBytes(StandardCharsets.US_ASCII));
            assertTrue(next.startsWith("220 "), "the next client is served: " + next);
        }
    }
}
