package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.SettingsLoader;
import org.parley.demo.SmtpSubmission;

/**
 * kill -9 of the server in the middle of a fan-out to 2,001 members, then a restart: nobody
 * misses the post, and no more members than the configuration promises get it twice.
 */
class CrashDuringFanOutTest {
    private static final int MEMBERS = 2_001;
    private static final String SUBJECT = "Crash test";

    @TempDir
    Path dir;
    GreenMail relay;
    Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    /** `parley serve` in a process of its own, as an administrator runs it. */
    private Process serve(Map<String, String> env, String log) throws Exception {
        return ServeProcess.start(env, dir.resolve(log));
    }

    /** How many copies of the post each member's mailbox holds. */
    private Map<String, Integer> copies() throws Exception {
        return ServeProcess.whileStoring(this::countCopies);
    }

    private Map<String, Integer> countCopies() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (GreenMailUser user : relay.getUserManager().listUser()) {
            int n = 0;
            for (var stored : relay.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                if (String.valueOf(stored.getMimeMessage().getSubject()).contains(SUBJECT)) {
                    n++;
                }
            }
            if (n > 0) {
                out.put(user.getEmail(), n);
            }
        }
        return out;
    }

    private int delivered() throws Exception {
        int n = 0;
        for (var m : relay.getReceivedMessages()) {
            if (String.valueOf(m.getSubject()).contains(SUBJECT)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aKillDuringAFanOutLosesNobodyAndResendsAtMostTheStatedBound() throws Exception {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        int smtpPort = ServeProcess.freePort();
        Map<String, String> env = Map.of("PARLEY_DATA_DIR", dir.resolve("data").toString(), "PARLEY_DOMAIN", "forum.test",
                "PARLEY_SECRET", "crash-test-secret", "PARLEY_OUTBOUND_PORT", String.valueOf(relay.getSmtp().getPort()),
                "PARLEY_OUTBOUND_STARTTLS", "none", "PARLEY_INBOUND_PORT", String.valueOf(smtpPort),
                "PARLEY_WEB_PORT", "0");
        ServeProcess.parley(env, "room", "create", "strategies", "--title", "Strategies", "--languages", "en");
        StringBuilder csv = new StringBuilder("email,name,delegation,language,role,rooms,trusted\n");
        for (int i = 0; i < MEMBERS; i++) {
            csv.append("m").append(i).append("@delegation.test,Member ").append(i).append(",KE,en,delegate,strategies,")
                    .append(i == 0 ? "yes" : "").append('\n');
        }
        Path file = dir.resolve("members.csv");
        Files.writeString(file, csv);
        ServeProcess.parley(env, "member", "import", file.toString());
        var settings = SettingsLoader.defaults().environment(env).load();
        int bound = settings.outbound().workers() * settings.outbound().commitEvery();

        server = serve(env, "first.log");
        String post = "From: m0@delegation.test\r\nTo: strategies-en@forum.test\r\nSubject: " + SUBJECT + "\r\n"
                + "Message-ID: <crash@delegation.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\nTo everyone.\r\n";
        // The import's 2,001 welcomes go out before the post, an outbox row each: some 50 a
        // second on a busy two-core machine, so a minute was not always enough.
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", smtpPort, false)) {
                assertTrue(smtp.send("m0@delegation.test", List.of("strategies-en@forum.test"),
                        post.getBytes(StandardCharsets.UTF_8)).get(0).ok());
                break;
            } catch (IOException notYet) {
                assertTrue(System.nanoTime() < deadline, "the server did not start: " + Files.readString(dir.resolve("first.log")));
                Thread.sleep(200);
            }
        }
        while (delivered() < 300) {
            assertTrue(System.nanoTime() < deadline, "no delivery: " + Files.readString(dir.resolve("first.log")));
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor(); // kill -9
        int beforeRestart = delivered();

        server = serve(env, "second.log");
        deadline = System.nanoTime() + 120_000_000_000L;
        Map<String, Integer> copies = copies();
        while (copies.size() < MEMBERS) {
            assertTrue(System.nanoTime() < deadline, copies.size() + " of " + MEMBERS + " reached after the restart: "
                    + Files.readString(dir.resolve("second.log")));
            Thread.sleep(500);
            copies = copies();
        }
        Thread.sleep(1000);
        copies = copies();
        int twice = (int) copies.values().stream().filter(n -> n > 1).count();
        System.out.printf("crash test: killed after %d copies; %d members got the post twice (bound %d)%n",
                beforeRestart, twice, bound);
        assertEquals(MEMBERS, copies.size(), "nobody missed the post");
        assertTrue(copies.values().stream().allMatch(n -> n <= 2), "nobody got it three times");
        assertTrue(twice <= bound, twice + " members got the post twice, above the bound of " + bound
                + " (killed after " + beforeRestart + " copies)");
    }
}
