package org.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.SettingsLoader;
import org.parley.e2e.ServeProcess;
import org.parley.model.ForumList;
import org.parley.model.ThreadSummary;
import org.parley.store.Store;

class DemoCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run parley(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The demo on free ports, but for an option and its value given here. */
    private Run demo(String... option) {
        List<String> args = new ArrayList<>(List.of("demo", "--data-dir", dir.toString(), "--exit-after", "3"));
        args.addAll(List.of(option));
        for (String port : List.of("--smtp-port", "--sandbox-smtp-port", "--sandbox-imap-port", "--web-port")) {
            if (!args.contains(port)) {
                args.addAll(List.of(port, "0"));
            }
        }
        return parley(args.toArray(String[]::new));
    }

    @Test
    void theDemoStartsASampleForumAndTheFirstPostReachesTheModerator() {
        Run run = demo();
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("strategies-{en,fr,es,ar,zh,ru}@forum.example.org"), run.out());
        assertTrue(run.out().contains("moderator@secretariat.example.org"), run.out());
        // Sixteen welcomes with a set-password link, then for the held post a notice to the
        // moderator and an acknowledgement to its author.
        assertTrue(run.out().contains("sandbox received 18 messages"), run.out());
    }

    @Test
    void theDemoArchiveStartsWithThreadsInEveryLanguageATranslationAndAnAttachment() {
        assertEquals(0, demo().code());
        try (Store store = Store.open(SettingsLoader.defaults().set("parley.data-dir", dir.toString()).load())) {
            Set<String> withThreads = new TreeSet<>();
            for (ForumList list : store.read(tx -> tx.rooms().lists())) {
                List<ThreadSummary> threads = store.read(tx -> tx.archive().threads(list.name(), Optional.empty(), 0, 10));
                if (!threads.isEmpty()) {
                    withThreads.add(list.language());
                }
                assertFalse(list.roomTitle().isBlank());
            }
            assertEquals(Set.of("ar", "en", "es", "fr", "ru", "zh"), withThreads);
            ForumList arabic = store.read(tx -> tx.rooms().list("strategies-ar")).orElseThrow();
            assertEquals("الاستراتيجيات الوطنية للملكية الفكرية", arabic.roomTitle());
            long replies = store.read(tx -> tx.archive().threads("strategies-en", Optional.empty(), 0, 10)).get(0).replies();
            assertTrue(replies >= 2, "replies " + replies);
            var english = store.read(tx -> tx.archive().threads("strategies-en", Optional.empty(), 0, 10)).get(0);
            long first = store.read(tx -> tx.archive().messagesOf(english.id())).get(0).id();
            assertEquals(3, store.read(tx -> tx.versions().of(first)).size(), "English post with French and Spanish versions");
            var french = store.read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 10));
            List<Long> ids = new ArrayList<>();
            for (ThreadSummary t : french) {
                store.read(tx -> tx.archive().messagesOf(t.id())).forEach(m -> ids.add(m.id()));
            }
            assertEquals("indicateurs.csv", store.read(tx -> tx.archive().attachments(ids)).get(0).filename());
        }
    }

    @Test
    void aBusyPortIsNamedInOneLineWithTheOptionThatMovesIt() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = busy.getLocalPort();
            for (String option : List.of("--sandbox-imap-port", "--sandbox-smtp-port", "--smtp-port")) {
                Run run = demo(option, String.valueOf(port));
                assertEquals(75, run.code(), run.err());
                assertEquals("parley: port " + port + " (" + switch (option) {
                    case "--sandbox-imap-port" -> "sandbox IMAP server";
                    case "--sandbox-smtp-port" -> "sandbox SMTP server";
                    default -> "mail listener";
                } + ") is in use by another program: stop it, or choose another with " + option,
                        run.err().lines().filter(l -> l.startsWith("parley:")).findFirst().orElse(run.err()));
                assertFalse(run.err().contains("\tat "), run.err());
            }
        }
    }

    @Test
    void aStopAskedForWhileTheDemoIsStillFillingItsForumClosesItCleanlyOnceItIsUp() throws Exception {
        int web = ServeProcess.freePort();
        List<String> command = new ArrayList<>(List.of("demo", "--data-dir", dir.resolve("demo").toString(),
                "--web-port", String.valueOf(web)));
        for (String port : List.of("--smtp-port", "--sandbox-smtp-port", "--sandbox-imap-port")) {
            command.addAll(List.of(port, String.valueOf(ServeProcess.freePort())));
        }
        Path log = dir.resolve("demo.log");
        Process demo = ServeProcess.command(Map.of(), log, command);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/readyz")).build();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                assertTrue(System.nanoTime() < deadline, "never ready: " + Files.readString(log));
                Thread.sleep(50);
            }
            // Ready as soon as the server is: the demo's members and sample posts are still coming.
            demo.destroy(); // SIGTERM
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "still running: " + Files.readString(log));
        } finally {
            demo.destroyForcibly();
        }
        String said = Files.readString(log);
        assertTrue(said.contains("leases given back"), said);
        assertTrue(said.contains("store closed"), said);
        assertTrue(said.contains("parley stopped"), said);
    }
}
