package org.parley.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.notices.Protocol;

/** Members accept the protocol as the page shows it, so the page must show all of it. */
class ProtocolMarkdownTest {
    private static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");

    /** The text of each paragraph, heading and list item of a Markdown document, without its markers. */
    static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : (markdown + "\n").split("\n")) {
            String l = line.strip();
            boolean starts = l.isEmpty() || l.startsWith("#") || l.startsWith("- ") || l.startsWith("* ");
            if (starts && current.length() > 0) {
                blocks.add(current.toString().strip());
                current.setLength(0);
            }
            current.append(l.replaceFirst("^(#+|-|\\*)\\s+", "")).append(' ');
        }
        if (!current.toString().isBlank()) {
            blocks.add(current.toString().strip());
        }
        blocks.removeIf(String::isBlank);
        return blocks;
    }

    static String visibleText(String html) {
        return html.replaceAll("<[^>]+>", " ").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ");
    }

    @Test
    void everyParagraphOfEveryLanguagesProtocolIsRendered() {
        Protocol protocol = new Protocol("1");
        for (String language : LANGUAGES) {
            String markdown = protocol.text(List.of(language)).body();
            String shown = visibleText(ProtocolPages.markdown(markdown));
            List<String> blocks = blocks(markdown);
            assertTrue(blocks.size() > 5, language + ": " + blocks.size() + " blocks");
            for (String block : blocks) {
                String words = block.replaceAll("[*_`]", "").replaceAll("\\s+", " ");
                assertTrue(shown.contains(words), language + " lost: " + words);
            }
        }
    }

    @Test
    void aParagraphRightAfterAHeadingIsKept() {
        String html = ProtocolPages.markdown("## Copyright\nYou keep the rights.\n");
        assertTrue(html.contains("<h2>Copyright</h2>"), html);
        assertTrue(html.contains("<p>You keep the rights.</p>"), html);
    }

    @Test
    void rawHtmlInTheProtocolIsShownNotRun() {
        String html = ProtocolPages.markdown("Hello <script>alert(1)</script> [x](javascript:alert(2))\n");
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("javascript:"), html);
    }
}
