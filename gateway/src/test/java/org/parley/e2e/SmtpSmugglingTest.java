package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.OUTSIDER;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published SMTP smuggling attacks against the real listener: a second message hidden
 * behind a false end of data must never be read as commands, for SMTP or LMTP. And a client
 * that names the same list many times in one transaction gets the message stored once, not
 * once a RCPT (100 RCPTs of one 25 MB message would store 2.5 GB).
 */
class SmtpSmugglingTest {
    /** The false ends of data of the published attacks, and the true one for contrast. */
    static final List<String> FALSE_ENDS = List.of("\n.\n", "\n.\r\n", "\r.\r", "\r\n.\r", "\r.\r\n", "\r\n.\n");

    @TempDir
    Path dir;
    ForumFixture forum;

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
    }

    /** One SMTP conversation written at once, as an attacker pipelines it; every reply read back. */
    private String converse(boolean lmtp, String script) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", forum.server.smtpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(script.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                replies.write(buffer, 0, n);
                if (replies.toString(StandardCharsets.UTF_8).contains("221 ")) {
                    break;
                }
            }
            return replies.toString(StandardCharsets.UTF_8);
        }
    }

    private static String smuggling(boolean lmtp, String falseEnd) {
        String hello = (lmtp ? "LHLO" : "EHLO") + " attacker.test\r\n";
        String hidden = "MAIL FROM:<" + JOHN + ">\r\nRCPT TO:<strategies-en@forum.test>\r\nDATA\r\n"
                + "From: " + JOHN + "\r\nTo: strategies-en@forum.test\r\nSubject: Smuggled as John\r\n"
                + "Message-ID: <smuggled@attacker.test>\r\n\r\nThis must never reach the list.\r\n.\r\n";
        return hello + "MAIL FROM:<" + OUTSIDER + ">\r\nRCPT TO:<strategies-en@forum.test>\r\nDATA\r\n"
                + "From: " + OUTSIDER + "\r\nTo: strategies-en@forum.test\r\nSubject: Harmless\r\n\r\nHello"
                + falseEnd + hidden + "QUIT\r\n";
    }

    private long arrivals() {
        return forum.forum.store().read(tx -> {
            long count = 0;
            for (long id = 1; id < 100; id++) {
                if (tx.arrivals().find(id).isPresent()) {
                    count++;
                }
            }
            return count;
        });
    }

    @Test
    void noFalseEndOfDataLetsASecondMessageThroughOverSmtp() throws Exception {
        forum = ForumFixture.start(dir);
        List<String> failures = new ArrayList<>();
        for (String falseEnd : FALSE_ENDS) {
            String replies = converse(false, smuggling(false, falseEnd));
            String shown = falseEnd.replace("\r", "\\r").replace("\n", "\\n");
            if (!replies.contains("550 5.5.2 Bare <LF> or <CR>")) {
                failures.add(shown + ": not refused: " + replies);
            }
            if (replies.contains("Ok: stored")) {
                failures.add(shown + ": something was stored: " + replies);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(0, arrivals(), "nothing was stored");
        forum.settle();
        assertTrue(forum.inbox(JOHN).stream().noneMatch(m -> subject(m).contains("Smuggled")), "nothing distributed");
    }

    @Test
    void noFalseEndOfDataLetsASecondMessageThroughOverLmtp() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.protocol", "lmtp"));
        for (String falseEnd : FALSE_ENDS) {
            String replies = converse(true, smuggling(true, falseEnd));
            assertTrue(replies.contains("550 5.5.2 Bare <LF> or <CR>"), replies);
            assertTrue(!replies.contains("Ok: stored"), replies);
        }
        assertEquals(0, arrivals());
    }

    @Test
    void aWellFormedMessageAfterARefusedOneIsStillTaken() throws Exception {
        forum = ForumFixture.start(dir);
        String replies = converse(false, smuggling(false, "\n.\n").replace("QUIT\r\n", "")
                + "MAIL FROM:<" + CLAIRE + ">\r\nRCPT TO:<strategies-fr@forum.test>\r\nDATA\r\n"
                + "From: " + CLAIRE + "\r\nSubject: Bien formé\r\nMessage-ID: <ok@client.test>\r\n\r\n..point\r\n.\r\nQUIT\r\n");
        assertTrue(replies.contains("550 5.5.2"), replies);
        assertTrue(replies.contains("250 2.0.0 Ok: stored as [1]"), replies);
        assertEquals(Optional.of(".point"), forum.forum.store().read(tx -> tx.arrivals().raw(1))
                .map(raw -> new String(raw, StandardCharsets.UTF_8).lines().filter(l -> l.contains("point")).findFirst()
                        .orElse("")), "dot-stuffing undone");
    }

    @Test
    void aMegabyteHeaderLineIsRefusedForWhatItIs() throws Exception {
        forum = ForumFixture.start(dir);
        String replies = converse(false, "EHLO client.test\r\nMAIL FROM:<" + CLAIRE + ">\r\nRCPT TO:<strategies-fr@forum.test>\r\n"
                + "DATA\r\nFrom: " + CLAIRE + "\r\nX-Long: " + "a".repeat(1_100_000) + "\r\n\r\nx\r\n.\r\nQUIT\r\n");
        assertTrue(replies.contains("552 5.3.4 A line of the message is longer than 1000000 bytes"), replies);
    }

    private static String transaction(String hello, String... recipients) {
        StringBuilder script = new StringBuilder(hello + " client.test\r\nMAIL FROM:<" + OUTSIDER + ">\r\n");
        for (String recipient : recipients) {
            script.append("RCPT TO:<").append(recipient).append(">\r\n");
        }
        return script.append("DATA\r\nFrom: ").append(OUTSIDER).append("\r\nSubject: Many times\r\n")
                .append("Message-ID: <many@elsewhere.test>\r\n\r\nOnce is enough.\r\n.\r\nQUIT\r\n").toString();
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void aListNamedThreeTimesOverSmtpIsStoredOnceAndADifferentListStillCounts() throws Exception {
        forum = ForumFixture.start(dir);
        String replies = converse(false, transaction("EHLO", "strategies-fr@forum.test",
                "STRATEGIES-FR@forum.test", "strategies-fr@FORUM.TEST", "strategies-en@forum.test"));
        assertEquals(4, count(replies, "250 2\\.1\\.5"), replies);
        assertTrue(replies.contains("250 2.0.0 Ok: stored as [1, 2]"), replies);
        assertTrue(forum.forum.store().read(tx -> tx.arrivals().find(3)).isEmpty(), "no third copy");
        assertEquals("strategies-en@forum.test",
                forum.forum.store().read(tx -> tx.arrivals().find(2)).orElseThrow().envelope().recipient());
    }

    @Test
    void overLmtpEachAcceptedRecipientStillGetsItsReply() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.protocol", "lmtp"));
        String replies = converse(true, transaction("LHLO", "strategies-fr@forum.test",
                "Strategies-Fr@forum.test", "strategies-fr@forum.test"));
        // RFC 2033: one reply after the data for every RCPT that was accepted, or the client waits forever.
        assertEquals(3, count(replies, "250 2\\.0\\.0 Ok: stored as \\[1\\]"), replies);
        assertTrue(forum.forum.store().read(tx -> tx.arrivals().find(2)).isEmpty(), "stored once");
    }

    @Test
    void aHelloWithoutANameIsRefusedAndANameIsShownBackOnlyAsPrintableText() throws Exception {
        forum = ForumFixture.start(dir);
        String replies = converse(false, "EHLO\r\nHELO  \r\nEHLOclient.test\r\nMAIL FROM:<" + OUTSIDER + ">\r\n"
                + "EHLO a\u0001b\u00e9c\r\nQUIT\r\n");
        assertEquals(3, count(replies, "501 5\\.5\\.4 Syntax: (EHLO|HELO) hostname"), replies);
        assertTrue(replies.contains("503 5.5.1 Say hello first"), "no greeting counted: " + replies);
        assertTrue(replies.contains("greets a?b?c\r\n"), replies);
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (MessagingException e) {
            return "";
        }
    }
}
