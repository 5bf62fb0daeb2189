package org.parley.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.cli.Main;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.demo.SmtpSubmission;
import org.parley.model.Role;
import org.parley.relay.SmtpReply;
import org.parley.server.Server;
import org.parley.testing.MutableClock;
import org.parley.testing.TestStores;

/**
 * A running forum for end-to-end tests: Derby in a temp folder, the real listener on a
 * free port, the real outbound workers, and GreenMail as the relay, read over IMAP.
 */
final class ForumFixture implements AutoCloseable {
    static final String DOMAIN = "forum.test";
    static final String MODERATOR = "moderator@secretariat.test";
    static final String JEAN = "jean@delegation-fr.test";
    static final String AMINATA = "aminata@delegation-sn.test";
    static final String CLAIRE = "claire@delegation-fr.test";
    static final String PABLO = "pablo@delegation-es.test";
    static final String JOHN = "john@delegation-gb.test";
    static final String OUTSIDER = "someone@elsewhere.test";
    static final String TRANSLATOR = "traductora@secretariat.test";
    static final String FR_MODERATOR = "moderateur@secretariat.test";
    static final String CHIEF = "chief@secretariat.test";
    static final String LAYLA = "layla@delegation-eg.test";
    static final String WEI = "wei@delegation-cn.test";
    static final String OLGA = "olga@delegation-ru.test";
    static final List<String> FRENCH_MEMBERS = List.of(JEAN, AMINATA, CLAIRE);
    static final String PASSWORD = "pw";

    final Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final Consumer<SettingsLoader> tweak;
    GreenMail relay;
    Forum forum;
    Server server;
    Settings settings;

    private ForumFixture(Path dir, Consumer<SettingsLoader> tweak) {
        this.dir = dir;
        this.tweak = tweak;
    }

    static ForumFixture start(Path dir) throws IOException {
        return start(dir, loader -> { });
    }

    static ForumFixture start(Path dir, Consumer<SettingsLoader> tweak) throws IOException {
        ForumFixture f = new ForumFixture(dir, tweak);
        f.startRelay(0);
        f.startForum();
        f.seed();
        return f;
    }

    void startRelay(int port) {
        relay = new GreenMail(new ServerSetup[] {
                new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        relay.start();
        for (String user : List.of(MODERATOR, JEAN, AMINATA, CLAIRE, PABLO, JOHN, OUTSIDER, TRANSLATOR, FR_MODERATOR,
                CHIEF, LAYLA, WEI, OLGA)) {
            relay.setUser(user, user, PASSWORD);
        }
    }

    int relayPort() {
        return relay.getSmtp().getPort();
    }

    Settings settings() {
        SettingsLoader loader = SettingsLoader.defaults()
                .set("parley.domain", DOMAIN)
                .set("parley.data-dir", dir.toString())
                .set("parley.inbound.port", "0")
                .set("parley.web.port", "0")
                .set("parley.outbound.host", "127.0.0.1")
                .set("parley.outbound.port", String.valueOf(relayPort()))
                .set("parley.outbound.starttls", "none")
                .set("parley.outbound.timeout-seconds", "5")
                .set("parley.web.base-url", "https://forum.test")
                .set("parley.secret", "test-secret")
                // No DNS from tests but the loopback server of those that set it up.
                .set("parley.dmarc.rewrite-from", "never");
        tweak.accept(loader);
        return TestStores.in(loader, dir).load();
    }

    void startForum() throws IOException {
        settings = settings();
        forum = new Forum(settings, org.parley.store.Store.open(settings), clock, new SecureRandom());
        server = new Server(forum).start((args, stdin, out, err) -> Main.run(args,
                new ByteArrayInputStream(stdin), out, err, Optional.of(new Admin(forum)), Map.of()));
    }

    void stopForum() {
        server.close();
    }

    void seed() {
        Admin admin = admin();
        admin.createRoom("strategies", "National IP strategies", List.of("en", "fr", "es"));
        admin.addMember(MODERATOR, "Ana Moderator", "", "en", Role.MODERATOR, false, false);
        admin.addMember(JEAN, "Jean Dupont", "FR", "fr", Role.DELEGATE, false, false);
        admin.addMember(AMINATA, "Aminata Sow", "SN", "fr", Role.DELEGATE, false, false);
        admin.addMember(CLAIRE, "Claire Moreau", "FR", "fr", Role.DELEGATE, true, false);
        admin.addMember(PABLO, "Pablo Ruiz", "ES", "es", Role.DELEGATE, false, false);
        admin.addMember(JOHN, "John Smith", "GB", "en", Role.DELEGATE, true, false);
        for (String fr : FRENCH_MEMBERS) {
            admin.subscribe(fr, List.of("strategies-fr"));
        }
        admin.subscribe(PABLO, List.of("strategies-es"));
        admin.subscribe(JOHN, List.of("strategies-en"));
        for (String member : List.of(MODERATOR, JEAN, AMINATA, CLAIRE, PABLO, JOHN)) {
            acceptProtocol(member);
        }
    }

    /** As a member does at first login; the seeded members have. */
    void acceptProtocol(String member) {
        forum.store().run(tx -> tx.members().acceptProtocol(tx.members().find(member).orElseThrow().id(),
                settings.protocolVersion(), clock.instant()));
    }

    Admin admin() {
        return server.admin();
    }

    /** What a command line printed and returned. */
    record Run(int code, String out, String err) {
    }

    /** A command line as the running server's admin channel runs it. */
    Run parley(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional.of(admin()), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String list(String name) {
        return name + "@" + DOMAIN;
    }

    /** A plain post as a mail client writes it. */
    static String message(String from, String to, String subject, String messageId, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
                + "\r\nDate: Tue, 24 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
    }

    SmtpReply post(String from, String listName, String subject, String body) throws IOException {
        String id = "<" + Long.toHexString(System.nanoTime()) + "@client.test>";
        return send(from, list(listName), message(from, list(listName), subject, id, body));
    }

    SmtpReply send(String envelopeFrom, String rcpt, String raw) throws IOException {
        return send(envelopeFrom, rcpt, raw.getBytes(StandardCharsets.UTF_8));
    }

    SmtpReply send(String envelopeFrom, String rcpt, byte[] raw) throws IOException {
        try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", server.smtpPort(), false)) {
            return smtp.send(envelopeFrom, List.of(rcpt), raw).get(0);
        }
    }

    /** What a member's mailbox holds now, read over IMAP. */
    List<MimeMessage> inbox(String user) {
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true"); // as current clients read RFC 6532 headers
        Session session = Session.getInstance(props);
        try {
            Store store = session.getStore("imap");
            store.connect("127.0.0.1", relay.getImap().getPort(), user, PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<MimeMessage> copies = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    m.writeTo(bytes);
                    copies.add(new MimeMessage(session, new ByteArrayInputStream(bytes.toByteArray())));
                }
                inbox.close(false);
                return copies;
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read the mailbox of " + user + ": " + e.getMessage(), e);
        }
    }

    /** Waits until a mailbox holds at least count messages; returns them all. */
    List<MimeMessage> await(String user, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<MimeMessage> now = inbox(user);
        while (now.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = inbox(user);
        }
        if (now.size() < count) {
            throw new AssertionError(user + " has " + now.size() + " messages, expected " + count + ": "
                    + subjects(now));
        }
        return now;
    }

    /** Waits for the message with this subject fragment to be the newest in a mailbox. */
    MimeMessage awaitOne(String user, String subjectPart) throws InterruptedException, MessagingException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (MimeMessage m : inbox(user)) {
                if (m.getSubject() != null && m.getSubject().contains(subjectPart)) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message with '" + subjectPart + "' for " + user + ": " + subjects(inbox(user)));
            }
            Thread.sleep(100);
        }
    }

    /** Lets the workers finish what is in flight, then checks nothing more arrives for a while. */
    void settle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long waiting = forum.store().read(tx -> tx.arrivals().waiting(1).size()
                    + tx.outbox().pending());
            if (waiting == 0) {
                Thread.sleep(200);
                return;
            }
            forum.wakeUps().outbox();
            Thread.sleep(50);
        }
        throw new AssertionError("the forum did not settle");
    }

    /** The text of a message as a reader sees it: the body, or its text parts joined. */
    static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart parts = (Multipart) content;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getContent() instanceof String s) {
                out.append(s);
            }
        }
        return out.toString();
    }

    /** A message's subject, or empty where it cannot be read. */
    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    static List<String> subjects(List<MimeMessage> messages) {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : messages) {
            try {
                out.add(m.getSubject());
            } catch (MessagingException e) {
                out.add("?");
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.stop();
        }
    }
}
