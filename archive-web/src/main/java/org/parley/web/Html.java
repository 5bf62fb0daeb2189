package org.parley.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Escaping and the rendering of plain-text mail: links made clickable, quotes and signatures folded. */
final class Html {
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s<>\"'\\u00a0]+[^\\s<>\"'\\u00a0.,;:!?)\\]]");
    private static final Pattern ORIGINAL = Pattern.compile(
            "^(-{2,}\\s*(original message|message d'origine|mensaje original).*|_{10,}\\s*|(on|le|el)\\s.*(wrote|a écrit|escribió)\\s?:\\s*)$",
            Pattern.CASE_INSENSITIVE);

    private Html() {
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Text that came from mail (a subject, a name) inside a page of another direction: isolated,
     * so an Arabic name in a French line keeps its own order and its punctuation on its own side.
     */
    static String bidi(String text) {
        return "<bdi>" + esc(text) + "</bdi>";
    }

    /** Escapes, then turns http(s) URLs into links that leak nothing and open nothing in our context. */
    static String linkify(String text) {
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(esc(text.substring(last, m.start())));
            String url = m.group();
            out.append("<a href=\"").append(esc(url)).append("\" rel=\"nofollow noopener noreferrer\">")
                    .append(esc(url)).append("</a>");
            last = m.end();
        }
        return out.append(esc(text.substring(last))).toString();
    }

    /** A plain-text body: runs of quoted lines and the signature become folded details. */
    static String textBody(String text, String quotedLabel, String signatureLabel) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder("<div class=\"text\" dir=\"auto\">");
        StringBuilder quote = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("-- ") || line.equals("--")) {
                flushQuote(out, quote, quotedLabel);
                out.append(fold("sig", signatureLabel, rest(lines, i)));
                return out.append("</div>").toString();
            }
            if (ORIGINAL.matcher(line.strip()).matches()) {
                flushQuote(out, quote, quotedLabel);
                out.append(fold("quote", quotedLabel, rest(lines, i)));
                return out.append("</div>").toString();
            }
            if (line.startsWith(">")) {
                quote.append(line).append('\n');
            } else {
                flushQuote(out, quote, quotedLabel);
                out.append(linkify(line)).append('\n');
            }
        }
        flushQuote(out, quote, quotedLabel);
        return out.append("</div>").toString();
    }

    private static String rest(String[] lines, int from) {
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static void flushQuote(StringBuilder out, StringBuilder quote, String label) {
        if (quote.length() > 0) {
            out.append(fold("quote", label, quote.toString()));
            quote.setLength(0);
        }
    }

    private static String fold(String kind, String label, String text) {
        return "<details class=\"" + kind + "\"><summary>" + esc(label) + "</summary><div class=\"text\" dir=\"auto\">"
                + linkify(text) + "</div></details>";
    }
}
