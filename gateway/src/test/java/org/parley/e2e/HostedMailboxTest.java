package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site whose mail is hosted (Microsoft 365, Google Workspace) delivers the forum's addresses
 * to one mailbox, and Parley fetches from it over IMAPS: each post is stored, then moved to the
 * done folder; mail that came while Parley was down is taken when it is back; new mail is
 * taken at once through IDLE, long before the poll interval; nothing is taken twice.
 */
class HostedMailboxTest {
    private static final String MAILBOX = "forum@hosted.test";
    private static final String PASSWORD = "mailbox-password";

    @TempDir
    Path dir;
    GreenMail hosted;
    ForumFixture forum;
    GreenMailUser user;

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
        if (hosted != null) {
            hosted.stop();
        }
    }

    /** Puts a message in the hosted mailbox, as the hosting provider's delivery does. */
    private void deliver(String headers, String subject, String id) throws Exception {
        String raw = headers + ForumFixture.message(ForumFixture.CLAIRE, ForumFixture.list("strategies-fr"), subject, id,
                "Un message de la boîte hébergée.");
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private int count(String folder) throws Exception {
        ImapHostManager folders = hosted.getManagers().getImapHostManager();
        MailFolder f = folder.equals("INBOX") ? folders.getInbox(user) : folders.getFolder(user, folder);
        return f == null ? -1 : f.getMessageCount();
    }

    private void await(String what, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.call()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(100);
        }
    }

    @Test
    void postsAreFetchedStoredThenMovedAndNoneIsLostOrRepeated() throws Exception {
        int imaps = ServeProcess.freePort();
        hosted = new GreenMail(new ServerSetup(imaps, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        hosted.start();
        user = hosted.setUser(MAILBOX, MAILBOX, PASSWORD);
        forum = ForumFixture.start(dir, loader -> loader.set("parley.inbound.imap.host", "127.0.0.1")
                .set("parley.inbound.imap.port", String.valueOf(imaps))
                .set("parley.inbound.imap.security", "imaps")
                .set("parley.inbound.imap.ssl-trust", "127.0.0.1") // GreenMail's certificate is its own
                .set("parley.inbound.imap.user", MAILBOX)
                .set("parley.inbound.imap.password", PASSWORD)
                .set("parley.inbound.imap.poll-seconds", "600"));
        deliver("Delivered-To: strategies-fr@forum.test\r\nReturn-Path: <" + ForumFixture.CLAIRE + ">\r\n",
                "Avant le démarrage", "<hosted-1@delegation-fr.test>");
        deliver("", "Sans Delivered-To", "<hosted-2@delegation-fr.test>");
        forum.awaitOne(ForumFixture.JEAN, "Sans Delivered-To");
        forum.awaitOne(ForumFixture.JEAN, "Avant le démarrage");
        await("both moved out of INBOX", () -> count("INBOX") == 0 && count("Parley/Done") == 2);

        // New mail while Parley waits in IDLE: taken at once, not after the 10-minute poll interval.
        long start = System.nanoTime();
        deliver("Delivered-To: strategies-fr@forum.test\r\n", "Pendant l'attente", "<hosted-3@delegation-fr.test>");
        forum.awaitOne(ForumFixture.JEAN, "Pendant l'attente");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 15, "took " + seconds + " s");

        // Mail that comes while Parley is down waits in the mailbox and is taken when it is back.
        forum.stopForum();
        deliver("Delivered-To: strategies-fr@forum.test\r\n", "Pendant l'arrêt", "<hosted-4@delegation-fr.test>");
        Thread.sleep(500);
        assertEquals(1, count("INBOX"));
        forum.startForum();
        forum.awaitOne(ForumFixture.JEAN, "Pendant l'arrêt");
        await("moved after the restart", () -> count("INBOX") == 0 && count("Parley/Done") == 4);
        forum.settle();
        for (String subject : List.of("Avant le démarrage", "Sans Delivered-To", "Pendant l'attente", "Pendant l'arrêt")) {
            assertEquals(1, forum.inbox(ForumFixture.JEAN).stream().filter(m -> has(m, subject)).count(),
                    subject + " once");
        }

        // Stored but not moved (a crash between the two): the same UID is never taken twice.
        String source = "imap:" + MAILBOX + "@127.0.0.1/INBOX";
        byte[] raw = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(forum.forum.inbox().acceptOnce(source, "7:99", "a@x.test", List.of("postmaster@forum.test"), "imap",
                raw).isPresent());
        assertTrue(forum.forum.inbox().acceptOnce(source, "7:99", "a@x.test", List.of("postmaster@forum.test"), "imap",
                raw).isEmpty(), "taken before: not again");
    }

    private static boolean has(MimeMessage m, String part) {
        try {
            return m.getSubject() != null && m.getSubject().contains(part);
        } catch (MessagingException e) {
            return false;
        }
    }
}
