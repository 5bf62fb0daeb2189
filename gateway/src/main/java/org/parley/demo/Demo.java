package org.parley.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.config.SettingsLoader;
import org.parley.model.Role;
import org.parley.server.PortInUse;
import org.parley.web.Passwords;

/**
 * {@code parley demo}: a fresh forum in a temporary folder, with an in-process sandbox mail
 * server (GreenMail) as its relay and one IMAP mailbox per member, so a person can post
 * with a real mail client and read what each member received.
 */
public final class Demo implements AutoCloseable {
    /** Ports; 0 for the sandbox means any free port. */
    public record Ports(int smtp, int sandboxSmtp, int sandboxImap) {
    }

    private final GreenMail sandbox;
    private final Path dataDir;

    private Demo(GreenMail sandbox, Path dataDir) {
        this.sandbox = sandbox;
        this.dataDir = dataDir;
    }

    /** Starts the sandbox and returns it with the settings the forum must use to reach it. */
    public static Demo startSandbox(Path dataDir, Ports ports) {
        // GreenMail reports a busy port as a start-up timeout after pages of stack traces: look first.
        PortInUse.requireFree("127.0.0.1", ports.sandboxSmtp(), PortInUse.Door.SANDBOX_SMTP);
        PortInUse.requireFree("127.0.0.1", ports.sandboxImap(), PortInUse.Door.SANDBOX_IMAP);
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(ports.sandboxSmtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(ports.sandboxImap(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        for (DemoForum.Person p : DemoForum.PEOPLE) {
            mail.setUser(p.email(), p.email(), DemoForum.PASSWORD);
        }
        return new Demo(mail, dataDir);
    }

    /** The forum's settings for the demo: this data folder, this relay, this listener port. */
    public SettingsLoader configure(SettingsLoader loader, int smtpPort) {
        return loader
                .set("parley.data-dir", dataDir.toString())
                .set("parley.inbound.port", String.valueOf(smtpPort))
                .set("parley.outbound.host", "127.0.0.1")
                .set("parley.outbound.port", String.valueOf(sandbox.getSmtp().getPort()))
                .set("parley.outbound.starttls", "none")
                .set("parley.languages", String.join(",", DemoForum.LANGUAGES));
    }

    /**
     * Creates the sample rooms (titled in each language), the people (everyone's archive
     * password is the demo password) and a little history in the archive.
     */
    public static void seed(Forum forum) {
        Admin admin = new Admin(forum);
        List<String> lists = new ArrayList<>();
        for (DemoForum.Room room : DemoForum.ROOMS) {
            admin.createRoom(room.id(), room.title(), DemoForum.LANGUAGES, room.titles()).forEach(l -> lists.add(l.name()));
        }
        for (DemoForum.Person p : DemoForum.PEOPLE) {
            admin.addMember(p.email(), p.name(), p.delegation(), p.language(),
                    p.moderator() ? Role.MODERATOR : Role.DELEGATE, false, false);
            forum.store().run(tx -> tx.members().find(p.email()).ifPresent(m ->
                    tx.access().setPasswordHash(m.id(), Passwords.hash(DemoForum.PASSWORD))));
            List<String> mine = lists.stream().filter(l -> p.moderator() || l.endsWith("-" + p.language())).toList();
            admin.subscribe(p.email(), mine);
            admin.welcome(p.email()); // after subscribing, so that it names the addresses to write to
        }
        DemoHistory.write(forum);
    }

    /** Posts a first message through the real listener, so the moderator has a notice waiting. */
    public static void postSample(String domain, int smtpPort) throws IOException {
        String message = "From: =?UTF-8?Q?Am=C3=A9lie_Martin?= <amelie.martin@delegation-fr.example>\r\n"
                + "To: strategies-fr@" + domain + "\r\n"
                + "Subject: =?UTF-8?Q?Strat=C3=A9gie_nationale_de_PI_:_premiers_r=C3=A9sultats?=\r\n"
                + "Message-ID: <demo-first-post@delegation-fr.example>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Bonjour à toutes et à tous,\r\n\r\nNotre office a publié sa stratégie nationale cette année.\r\n"
                + "Quelles étapes ont le mieux fonctionné chez vous ?\r\n\r\nAmélie\r\n";
        try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", smtpPort, false)) {
            smtp.send("amelie.martin@delegation-fr.example", List.of("strategies-fr@" + domain),
                    message.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What a person needs to try the forum with a real mail client. */
    public void describe(PrintStream out, String domain, int smtpPort, int webPort) {
        out.println();
        out.println("Parley demo is running. Data folder: " + dataDir);
        out.println();
        out.println("Read the archive: http://localhost:" + webPort + "/  (log in as any member below, password "
                + DemoForum.PASSWORD + ")");
        out.println();
        out.println("Post with any mail client (no TLS, no login):");
        out.println("  SMTP server  127.0.0.1 port " + smtpPort);
        String languages = "-{" + String.join(",", DemoForum.LANGUAGES) + "}@" + domain;
        out.println("  Lists        " + String.join(", ", DemoForum.ROOMS.stream().map(r -> r.id() + languages).toList()));
        out.println();
        out.println("Read what each member received (IMAP, no TLS):");
        out.println("  IMAP server  127.0.0.1 port " + sandbox.getImap().getPort() + "   password for every member: "
                + DemoForum.PASSWORD);
        for (DemoForum.Person p : DemoForum.PEOPLE) {
            out.printf("  %-44s %-20s %-5s %s%s%n", p.email(), p.name(), p.delegation().isEmpty() ? "-" : p.delegation(),
                    p.language(), p.moderator() ? "  (moderator of every list)" : "");
        }
        out.println();
        out.println("The archive already holds a few threads in each language, one with its translations and one");
        out.println("with an attachment; each member reads the interface in their own language (Arabic right to left).");
        out.println("A first post from Amélie Martin to strategies-fr is waiting for the moderator. To approve it,");
        out.println("log in to IMAP as moderator@secretariat.example.org, reply to the notice and write 'approve'");
        out.println("on the first line; every French-speaking member then receives it.");
        out.println("Admin commands work meanwhile, e.g.:");
        out.println("  java -jar gateway/target/parley.jar held list   (with PARLEY_DATA_DIR=" + dataDir + ")");
        out.println();
        out.println("Stop with Ctrl-C.");
    }

    public static Path freshDataDir() throws IOException {
        return Files.createTempDirectory("parley-demo-");
    }

    public Map<String, Integer> mailboxCounts() {
        return Map.of("received", sandbox.getReceivedMessages().length);
    }

    @Override
    public void close() {
        sandbox.stop();
    }
}
