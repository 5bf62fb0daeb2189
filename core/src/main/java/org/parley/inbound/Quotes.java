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
    private static final List<Pattern> QUOTE_STARTS = List.of(
            Pattern.compile("^-{2,}\\s*(original message|message d'origine|mensaje original|urspr.ngliche nachricht).*",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}\\s*$"),
            Pattern.compile("^(from|de|von|desde|envoye|sent|enviado)\\s?:.*", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(on|le|el)\\s.*(wrote|a ecrit|escribio)\\s?:?\\s*$", Pattern.CASE_INSENSITIVE),
            // "... wrote:" and Outlook's "From:" block in Russian, Arabic and Chinese, as their clients write them.
            Pattern.compile("^.*(написал|написала|пишет|写道)\\s*[:：]\\s*$"),
            Pattern.compile("^.*كتب.*[:：]\\s*$"),
            Pattern.compile("^(от|отправлено|من|发件人|發件人|发送时间)\\s?[:：].*"),
            Pattern.compile("^>.*"));
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
        String plain = PlainText.of(line);
        for (Pattern p : QUOTE_STARTS) {
            if (p.matcher(plain).matches()) {
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
