package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.demo.SmtpSubmission;
import org.parley.store.Leases;
import org.parley.store.Store;
import org.parley.testing.TestStores;
import org.parley.web.Passwords;

/**
 * Two gateway nodes and a web node, three processes on one PostgreSQL, as a site runs them
 * behind a load balancer: posts sent to either gateway are routed once each; one gateway is
 * killed (kill -9) in the middle of the fan-outs and the other finishes its work when its
 * leases run out: nobody misses a post, and no more members than the stated bound get one
 * twice. The web node, which routes nothing, shows and finds what the gateways archived.
 * It makes its own PostgreSQL database on either run (so the PostgreSQL run leaves it out).
 */
class TwoNodesTest {
    private static final int MEMBERS = 1_000;
    private static final int POSTS = 6;
    private static final String SUBJECT = "Two nodes";
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dir;
    GreenMail relay;
    final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : nodes) {
            p.destroyForcibly().waitFor();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    /** `parley serve --role ROLE` in a process of its own, with a data folder of its own. */
    private Process serve(Map<String, String> env, String name, String role) throws Exception {
        Map<String, String> own = new HashMap<>(env);
        own.put("PARLEY_DATA_DIR", dir.resolve(name).toString());
        Process p = ServeProcess.start(own, dir.resolve(name + ".log"), "--role", role);
        nodes.add(p);
        return p;
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".log"));
    }

    /** How many copies of each post each member's mailbox holds, by member and subject. */
    private Map<String, Integer> copies() throws Exception {
        return ServeProcess.whileStoring(this::countCopies);
    }

    private Map<String, Integer> countCopies() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (GreenMailUser user : relay.getUserManager().listUser()) {
            for (var stored : relay.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                String subject = String.valueOf(stored.getMimeMessage().getSubject());
                if (subject.contains(SUBJECT)) {
                    out.merge(user.getEmail() + " " + subject, 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private int delivered() {
        int n = 0;
        for (var m : relay.getReceivedMessages()) {
            try {
                if (String.valueOf(m.getSubject()).contains(SUBJECT)) {
                    n++;
                }
            } catch (MessagingException e) {
                // a message still being stored: counted at the next look
            }
        }
        return n;
    }

    private void send(int port, int i, String node) throws Exception {
        String post = "From: m0@delegation.test\r\nTo: strategies-en@forum.test\r\nSubject: " + SUBJECT + " " + i + "\r\n"
                + "Message-ID: <two-nodes-" + i + "@delegation.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\n"
                + "Post " + i + " to everyone.\r\n";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", port, false)) {
                assertTrue(smtp.send("m0@delegation.test", List.of("strategies-en@forum.test"),
                        post.getBytes(StandardCharsets.UTF_8)).get(0).ok());
                return;
            } catch (IOException notYet) {
                assertTrue(System.nanoTime() < deadline, "the node did not start: " + log(node));
                Thread.sleep(200);
            }
        }
    }

    @Test
    void twoGatewaysShareTheWorkAndOneKilledMidFanOutLosesNobody() throws Exception {
        assumeTrue(TestStores.postgresInstalled(), "needs Debian's postgresql package (several nodes share a PostgreSQL)");
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        Settings db = TestStores.onPostgres(SettingsLoader.defaults(), dir).load();
        int portA = ServeProcess.freePort();
        int portB = ServeProcess.freePort();
        int webPort = ServeProcess.freePort();
        Map<String, String> env = new HashMap<>(Map.of("PARLEY_DB_URL", db.dbUrl(), "PARLEY_DB_USER", db.dbUser(),
                "PARLEY_DOMAIN", "forum.test", "PARLEY_SECRET", "two-nodes-secret",
                "PARLEY_OUTBOUND_PORT", String.valueOf(relay.getSmtp().getPort()), "PARLEY_OUTBOUND_STARTTLS", "none",
                // a dead node's rows are taken over once its leases run out: short here, minutes in production
                "PARLEY_OUTBOUND_LEASE_SECONDS", "5", "PARLEY_WEB_BASE_URL", "http://localhost",
                "PARLEY_DATA_DIR", dir.resolve("admin").toString()));
        ServeProcess.parley(env, "room", "create", "strategies", "--title", "Strategies", "--languages", "en");
        StringBuilder csv = new StringBuilder("email,name,delegation,language,role,rooms,trusted\n");
        for (int i = 0; i < MEMBERS; i++) {
            csv.append("m").append(i).append("@delegation.test,Member ").append(i).append(",KE,en,delegate,strategies,")
                    .append(i == 0 ? "yes" : "").append('\n');
        }
        Path file = dir.resolve("members.csv");
        Files.writeString(file, csv);
        ServeProcess.parley(env, "member", "import", file.toString());
        Settings settings = SettingsLoader.defaults().environment(env).load();
        try (Store store = Store.open(settings)) {
            long m1 = store.read(tx -> tx.members().find("m1@delegation.test")).orElseThrow().id();
            store.run(tx -> tx.access().setPasswordHash(m1, Passwords.hash(PASSWORD)));
        }
        int bound = settings.outbound().workers() * settings.outbound().commitEvery();

        Map<String, String> envA = new HashMap<>(env);
        envA.put("PARLEY_INBOUND_PORT", String.valueOf(portA));
        Map<String, String> envB = new HashMap<>(env);
        envB.put("PARLEY_INBOUND_PORT", String.valueOf(portB));
        Map<String, String> envWeb = new HashMap<>(env);
        envWeb.put("PARLEY_WEB_PORT", String.valueOf(webPort));
        Process a = serve(envA, "node-a", "gateway");
        serve(envB, "node-b", "gateway");
        serve(envWeb, "web", "web");
        for (int i = 0; i < POSTS; i++) {
            send(i % 2 == 0 ? portA : portB, i, i % 2 == 0 ? "node-a" : "node-b");
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (delivered() < 1_000) {
            assertTrue(System.nanoTime() < deadline, "no delivery: " + log("node-a") + log("node-b"));
            Thread.sleep(20);
        }
        a.destroyForcibly().waitFor(); // kill -9 of one gateway in the middle of the fan-outs
        int beforeKill = delivered();

        deadline = System.nanoTime() + 180_000_000_000L;
        Map<String, Integer> copies = copies();
        while (copies.size() < MEMBERS * POSTS) {
            assertTrue(System.nanoTime() < deadline, copies.size() + " of " + MEMBERS * POSTS
                    + " copies after the kill: " + log("node-b"));
            Thread.sleep(500);
            copies = copies();
        }
        Thread.sleep(1000);
        copies = copies();
        int twice = (int) copies.values().stream().filter(n -> n > 1).count();
        System.out.printf("two nodes: node A killed after %d copies; %d copies went twice (bound %d)%n",
                beforeKill, twice, bound);
        assertEquals(MEMBERS * POSTS, copies.size(), "every member got every post");
        assertTrue(copies.values().stream().allMatch(n -> n <= 2), "nobody got a post three times");
        assertTrue(twice <= bound, twice + " copies went twice, above the bound of " + bound);

        try (Store store = Store.open(settings)) {
            assertEquals((long) POSTS, (long) store.read(tx -> tx.archive().count()), "each post archived once");
            for (int i = 0; i < POSTS; i++) {
                String id = "<two-nodes-" + i + "@delegation.test>";
                assertEquals(1, store.read(tx -> tx.archive().withMessageId(id)).size(), id + " routed once");
            }
            String holder = store.read(tx -> tx.leases().holder(Leases.CHORES)).owner();
            assertTrue(holder.contains("/chores"), "one gateway runs the chores: " + holder);
        }
        assertTrue(log("node-b").contains("role=gateway"), log("node-b"));
        assertTrue(log("web").contains("role=web") && !log("web").contains("routed arrival"), log("web"));

        WebClient web = new WebClient(webPort);
        assertEquals(200, web.get("/readyz").statusCode());
        var login = web.login("m1@delegation.test", PASSWORD);
        assertEquals(302, login.statusCode(), login.headers() + login.body());
        web.post("/protocol", Map.of("next", "/")); // the confidentiality protocol, accepted once
        deadline = System.nanoTime() + 45_000_000_000L; // a node follows others every 10 s, posts 10 s old
        var first = web.get("/search?q=everyone");
        assertEquals(200, first.statusCode(), first.headers() + first.body());
        String found = first.body();
        // Ids of the two gateways commit out of order: the web node takes in a lower one a round later.
        while (!allPostsIn(found)) {
            assertTrue(System.nanoTime() < deadline, "the web node's search never found the posts: " + found);
            Thread.sleep(500);
            found = web.get("/search?q=everyone").body();
        }
    }

    private static boolean allPostsIn(String page) {
        for (int i = 0; i < POSTS; i++) {
            if (!page.contains(SUBJECT + " " + i)) {
                return false;
            }
        }
        return true;
    }
}
