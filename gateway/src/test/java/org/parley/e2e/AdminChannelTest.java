package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.Main;

/** Admin commands typed while the server runs (and holds the embedded database) are served by it. */
class AdminChannelTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @AfterEach
    void stop() {
        forum.close();
    }

    private String[] parley(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional.empty(), Map.of("PARLEY_DATA_DIR", dir.toString(), "PARLEY_DOMAIN", "forum.test"));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aModeratorListsAndApprovesHeldPostsFromTheCommandLineWhileTheServerRuns() throws Exception {
        forum = ForumFixture.start(dir);
        forum.post(JEAN, "strategies-fr", "Par la ligne de commande", "Bonjour");
        forum.awaitOne(MODERATOR, "Held for moderation");

        String[] list = parley("", "held", "list");
        assertEquals("0", list[0], list[2]);
        String[] fields = list[1].strip().split("\t");
        assertEquals("1", fields[0]);
        assertEquals("strategies-fr", fields[1]);
        assertEquals(JEAN, fields[2]);
        assertTrue(fields[3].endsWith("@client.test>"));
        assertEquals("moderated", fields[4]);
        assertEquals("Par la ligne de commande", fields[5]);

        String[] approve = parley("", "held", "approve", "1");
        assertEquals("0", approve[0], approve[2]);
        assertEquals("approved 1: Par la ligne de commande\n", approve[1]);
        forum.awaitOne(AMINATA, "[strategies-fr] Par la ligne de commande");
        String[] again = parley("", "held", "reject", "1", "--reason", "late");
        assertEquals("65", again[0]);
        assertTrue(again[2].contains("already decided (approved by cli:"), again[2]);

        String[] inject = parley("From: claire@delegation-fr.test\r\nSubject: Par un tuyau\r\nMessage-ID: <pipe@x.test>\r\n\r\nok\r\n",
                "inject", "strategies-fr@forum.test");
        assertEquals("0", inject[0], inject[2]);
        forum.awaitOne(AMINATA, "[strategies-fr] Par un tuyau");
        assertEquals("0", parley("", "member", "list", "strategies-fr")[0]);
    }
}
