package org.parley.inbound;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads the words out of an HTML part, for commands and previews; never for display. The
 * HTML is parsed as a browser would (jsoup), and text that a client quotes, whether in a
 * {@code <blockquote>} or after Outlook's, Gmail's or Apple Mail's reply header, comes out
 * with {@code "> "} before each line, as a plain-text client quotes it: so a reader of
 * commands sees where the writer's own words end.
 */
public final class HtmlText {
    /** Elements whose text is no one's words. */
    private static final String HIDDEN = "script, style, head, title, template, noscript";
    /** Elements that hold a quotation (Gmail, Apple Mail, Thunderbird, Yahoo). */
    private static final String QUOTING = "blockquote, .gmail_quote, [type=cite], .moz-cite-prefix, .yahoo_quoted";
    /** Outlook's reply headers: the original is not inside them but after them, to the end. */
    private static final String QUOTE_FOLLOWS = "#divRplyFwdMsg, #OLK_SRC_BODY_SECTION, #appendonsend,"
            + " #mail-editor-reference-message-container";
    private static final List<String> BLOCKS = List.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "hr", "pre", "table", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer");

    private HtmlText() {
    }

    public static String toText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(HIDDEN).remove();
        markQuotes(doc);
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new Writer(out), doc.body());
        return out.toString().replace('\u00a0', ' ').replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    /**
     * Marks the quotations; Outlook puts the original after its reply header, not inside it,
     * so from that header on everything that follows in the document is quoted.
     */
    private static void markQuotes(Document doc) {
        doc.select(QUOTING).attr("data-parley-quote", "");
        Element first = doc.selectFirst(QUOTE_FOLLOWS);
        if (first == null) {
            return;
        }
        Element quote = new Element("div").attr("data-parley-quote", "");
        for (Node node = first; node != null; ) {
            Node next = nextInDocument(node);
            quote.appendChild(node);
            node = next;
        }
        doc.body().appendChild(quote);
    }

    /** The node after this one and its subtree, climbing up where a parent has no more children. */
    private static Node nextInDocument(Node node) {
        for (Node at = node; at != null; at = at.parent()) {
            if (at.nextSibling() != null) {
                return at.nextSibling();
            }
            if (at.parent() instanceof Element e && e.tagName().equals("body")) {
                return null;
            }
        }
        return null;
    }

    /** Writes text with line breaks where blocks end, and "> " before lines inside a quote. */
    private static final class Writer implements NodeVisitor {
        private final StringBuilder out;
        private int depth;
        private boolean lineStart = true;

        Writer(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void head(Node node, int level) {
            if (node instanceof TextNode text) {
                write(text.getWholeText().replaceAll("[\\s&&[^\\u00a0]]+", " "));
            } else if (node instanceof Element e) {
                if (quoting(e)) {
                    newLine();
                    depth++;
                }
                if (BLOCKS.contains(e.tagName())) {
                    newLine();
                }
            }
        }

        @Override
        public void tail(Node node, int level) {
            if (node instanceof Element e) {
                if (BLOCKS.contains(e.tagName()) && !e.tagName().equals("br")) {
                    newLine();
                }
                if (quoting(e)) {
                    newLine();
                    depth--;
                }
            }
        }

        private static boolean quoting(Element e) {
            return e.hasAttr("data-parley-quote");
        }

        private void write(String text) {
            if (lineStart) {
                text = text.stripLeading();
                if (text.isEmpty()) {
                    return;
                }
                out.append("> ".repeat(depth));
                lineStart = false;
            }
            out.append(text);
        }

        private void newLine() {
            if (!lineStart || out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            lineStart = true;
        }
    }
}
