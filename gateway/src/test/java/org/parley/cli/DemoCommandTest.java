package org.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoStartsASampleForumAndTheFirstPostReachesTheModerator() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"demo", "--data-dir", dir.toString(), "--smtp-port", "0",
                        "--sandbox-smtp-port", "0", "--sandbox-imap-port", "0", "--web-port", "0", "--exit-after", "3"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty(), Map.of());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("strategies-{en,fr,es}@forum.example.org"), text);
        assertTrue(text.contains("moderator@secretariat.example.org"), text);
        // Thirteen welcomes with a set-password link, then for the held post a notice to the
        // moderator and an acknowledgement to its author.
        assertTrue(text.contains("sandbox received 15 messages"), text);
    }
}
