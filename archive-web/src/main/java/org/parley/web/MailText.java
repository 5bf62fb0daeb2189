package org.parley.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text mail as a page shows it: web links found, runs of quoted lines and the signature
 * set apart to be folded. Only the shape is decided here; the templates write the HTML.
 */
final class MailText {
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s<>\"'\\u00a0]+[^\\s<>\"'\\u00a0.,;:!?)\\]]");
    private static final Pattern ORIGINAL = Pattern.compile(
            "^(-{2,}\\s*(original message|message d'origine|mensaje original).*|_{10,}\\s*|(on|le|el)\\s.*(wrote|a écrit|escribió)\\s?:\\s*)$",
            Pattern.CASE_INSENSITIVE);

    /** Some text, or a link whose text is its address. */
    record Segment(String text, boolean link) {
    }

    /** The writer's own lines ({@code fold} empty), or a quotation or signature to fold. */
    record Block(String fold, List<Segment> segments) {
        static final String QUOTE = "quote";
        static final String SIGNATURE = "sig";

        boolean folded() {
            return !fold.isEmpty();
        }
    }

    private MailText() {
    }

    /** The text cut at its http(s) links. */
    static List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(new Segment(text.substring(last, m.start()), false));
            }
            out.add(new Segment(m.group(), true));
            last = m.end();
        }
        if (last < text.length()) {
            out.add(new Segment(text.substring(last), false));
        }
        return out;
    }

    /** A body's blocks in order; everything from a signature or a quoted original on is one fold. */
    static List<Block> blocks(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Block> out = new ArrayList<>();
        StringBuilder own = new StringBuilder();
        StringBuilder quote = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean signature = line.equals("-- ") || line.equals("--");
            if (signature || ORIGINAL.matcher(line.strip()).matches()) {
                flush(out, "", own);
                flush(out, Block.QUOTE, quote);
                out.add(new Block(signature ? Block.SIGNATURE : Block.QUOTE,
                        segments(String.join("\n", Arrays.copyOfRange(lines, i, lines.length)))));
                return out;
            }
            if (line.startsWith(">")) {
                flush(out, "", own);
                quote.append(line).append('\n');
            } else {
                flush(out, Block.QUOTE, quote);
                own.append(line).append('\n');
            }
        }
        flush(out, "", own);
        flush(out, Block.QUOTE, quote);
        return out;
    }

    private static void flush(List<Block> out, String fold, StringBuilder text) {
        if (text.length() > 0) {
            out.add(new Block(fold, segments(text.toString())));
            text.setLength(0);
        }
    }
}
