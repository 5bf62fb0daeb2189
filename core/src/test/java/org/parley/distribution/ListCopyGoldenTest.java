package org.parley.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.inbound.PostParser;
import org.parley.model.ForumList;
import org.parley.notices.Templates;
import org.parley.testing.TestData;

/** The list copy of each post in golden/list-copy, compared byte for byte with the one kept beside it. */
class ListCopyGoldenTest {
    private static final ForumList LIST = new ForumList("strategies-fr", "strategies", "fr", "National IP strategies");
    private final ListCopy copy = new ListCopy("forum.test", "https://forum.test", "en", new Templates());
    private final PostParser parser = new PostParser("forum.test");

    private static Path folder() {
        return TestData.root().resolve(Path.of("core", "src", "test", "resources", "golden", "list-copy"));
    }

    @Test
    void everyPostRendersExactlyTheCopyKeptForIt() throws IOException {
        List<Path> posts;
        try (Stream<Path> files = Files.list(folder())) {
            posts = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertTrue(posts.size() >= 5, "only " + posts.size() + " posts in " + folder());
        List<String> missing = new ArrayList<>();
        for (Path post : posts) {
            byte[] raw = Files.readAllBytes(post);
            byte[] rendered = copy.render(LIST, parser.parse(raw));
            Path golden = Path.of(post.toString().replaceFirst("\\.eml$", ".copy"));
            if (!Files.exists(golden)) {
                Files.write(Path.of(golden + ".actual"), rendered);
                missing.add(golden.getFileName().toString());
                continue;
            }
            assertEquals(new String(Files.readAllBytes(golden), StandardCharsets.ISO_8859_1),
                    new String(rendered, StandardCharsets.ISO_8859_1), post.getFileName().toString());
        }
        assertTrue(missing.isEmpty(), "no golden copy yet, written beside it as .actual: " + missing);
    }
}
