package org.parley.inbound;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a reply stops being its writer's own words: the lines with which Outlook, Gmail,
 * Apple Mail, Thunderbird and their Russian, Arabic and Chinese versions start quoting the
 * message answered, a signature separator, or an indented block.
 */
public final class Quotes {
    // Where a client starts quoting the message answered: nothing below is the writer's.
    // Each way comes with the first or last characters of any line it matches (lines are
    // compared stripped and in lower case), so that most lines are matched against none:
    // the search index asks this of every line of every post.
    private static final List<Start> QUOTE_STARTS = List.of(
            new Start("-", "", Pattern.compile(
                    "^-{2,}\\s*(original message|message d'origine|mensaje original|urspr.ngliche nachricht).*",
                    Pattern.CASE_INSENSITIVE)),
            new Start("_", "", Pattern.compile("^_{10,}\\s*$")),
            new Start("fdvse", "", Pattern.compile("^(from|de|von|desde|envoye|sent|enviado)\\s?:.*",
                    Pattern.CASE_INSENSITIVE)),
            new Start("ole", "", Pattern.compile("^(on|le|el)\\s.*(wrote|a ecrit|escribio)\\s?:?\\s*$",
                    Pattern.CASE_INSENSITIVE)),
            // "... wrote:" and Outlook's "From:" block in Russian, Arabic and Chinese, as their clients write them.
            new Start("", ":：", Pattern.compile("^.*(написал|написала|пишет|写道)\\s*[:：]\\s*$")),
            new Start("", ":：", Pattern.compile("^.*كتب.*[:：]\\s*$")),
            new Start("оم发發", "", Pattern.compile("^(от|отправлено|من|发件人|發件人|发送时间)\\s?[:：].*")),
            new Start(">", "", Pattern.compile("^>.*")));

    /** A way of starting a quotation, and the first and last characters its lines can have (empty: any). */
    private record Start(String firsts, String lasts, Pattern pattern) {
        /** Whether a non-empty plain line can match at all, by its first and last characters alone. */
        boolean possible(String plain) {
            return (firsts.isEmpty() || firsts.indexOf(plain.charAt(0)) >= 0)
                    && (lasts.isEmpty() || lasts.indexOf(plain.charAt(plain.length() - 1)) >= 0);
        }
    }

    private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");
    // An indented block under a line of one's own is a quotation (some clients quote by indenting).
    private static final Pattern INDENTED = Pattern.compile("^(\t| {4,}).*");

    private Quotes() {
    }

    /** Where the quoted original starts in a reply's lines, or the number of lines if nowhere. */
    public static int start(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (starts(lines[i])) {
                return i;
            }
        }
        return lines.length;
    }

    /** Whether this line opens a quotation. */
    public static boolean starts(String line) {
        return starts(line, true);
    }

    /** The same, with every pattern tried on every line (guarded false): what the guards must agree with. */
    static boolean starts(String line, boolean guarded) {
        String plain = PlainText.of(line);
        if (plain.isEmpty()) {
            return false;
        }
        for (Start start : QUOTE_STARTS) {
            if ((!guarded || start.possible(plain)) && start.pattern().matcher(plain).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether this line is the "-- " that opens a signature. */
    public static boolean isSignature(String line) {
        return SIGNATURE.matcher(line).matches();
    }

    /** Whether this line is indented as clients indent a quotation. */
    public static boolean isIndented(String line) {
        return INDENTED.matcher(line).matches();
    }
}
