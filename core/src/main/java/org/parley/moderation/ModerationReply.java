package org.parley.moderation;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a moderator's decision out of a reply as real clients write it: top-posted above
 * a quoted original (Outlook, Gmail, Apple Mail), plain or converted from HTML, in any of
 * the forum's languages. The first line that starts with a command counts; what stands
 * after a reject on that line, or in the paragraph below it, is the reason.
 */
public final class ModerationReply {
    /** A decision read from a reply, with the language the command was written in. */
    public record Command(Action action, String reason, String language) {
    }

    private record Word(Action action, String language) {
    }

    private static final Map<String, Word> WORDS = Map.ofEntries(
            Map.entry("approve", new Word(Action.APPROVE, "en")),
            Map.entry("approved", new Word(Action.APPROVE, "en")),
            Map.entry("accept", new Word(Action.APPROVE, "en")),
            Map.entry("approuver", new Word(Action.APPROVE, "fr")),
            Map.entry("approuve", new Word(Action.APPROVE, "fr")),
            Map.entry("accepter", new Word(Action.APPROVE, "fr")),
            Map.entry("aprobar", new Word(Action.APPROVE, "es")),
            Map.entry("apruebo", new Word(Action.APPROVE, "es")),
            Map.entry("aceptar", new Word(Action.APPROVE, "es")),
            Map.entry("reject", new Word(Action.REJECT, "en")),
            Map.entry("rejeter", new Word(Action.REJECT, "fr")),
            Map.entry("refuser", new Word(Action.REJECT, "fr")),
            Map.entry("rechazar", new Word(Action.REJECT, "es")),
            Map.entry("discard", new Word(Action.DISCARD, "en")),
            Map.entry("supprimer", new Word(Action.DISCARD, "fr")),
            Map.entry("descartar", new Word(Action.DISCARD, "es")));

    // Where a client starts quoting the message answered: nothing below is the moderator's.
    private static final List<Pattern> QUOTE_STARTS = List.of(
            Pattern.compile("^-{2,}\\s*(original message|message d'origine|mensaje original|urspr.ngliche nachricht).*",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}\\s*$"),
            Pattern.compile("^(from|de|von|desde|envoye|sent|enviado)\\s?:.*", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(on|le|el)\\s.*(wrote|a ecrit|escribio)\\s?:?\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^>.*"));
    private static final Pattern LEADING_NOISE = Pattern.compile("^[\\s*_#>\"'«»:.-]+");
    private static final Pattern WORD = Pattern.compile("^([\\p{L}]+)(.*)$", Pattern.DOTALL);

    private ModerationReply() {
    }

    public static Optional<Command> read(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = plain(lines[i]);
            if (startsQuote(line)) {
                return Optional.empty();
            }
            Optional<Command> command = command(line, lines, i);
            if (command.isPresent()) {
                return command;
            }
        }
        return Optional.empty();
    }

    private static Optional<Command> command(String line, String[] lines, int at) {
        var m = WORD.matcher(LEADING_NOISE.matcher(line).replaceFirst(""));
        if (!m.matches()) {
            return Optional.empty();
        }
        Word word = WORDS.get(m.group(1).toLowerCase(Locale.ROOT));
        if (word == null) {
            return Optional.empty();
        }
        String rest = m.group(2);
        if (!rest.isEmpty() && Character.isLetterOrDigit(rest.charAt(0))) {
            return Optional.empty();
        }
        String reason = word.action() == Action.REJECT ? reason(lines[at], m.group(1), lines, at) : "";
        return Optional.of(new Command(word.action(), reason, word.language()));
    }

    /** The rest of the command line, or else the paragraph under it; from the original text, accents kept. */
    private static String reason(String original, String commandWord, String[] lines, int at) {
        String trimmed = original.strip();
        int start = indexAfterWord(trimmed, commandWord.length());
        String sameLine = trimmed.substring(start).replaceFirst("^[\\s:,;.\\-]+", "").strip();
        if (!sameLine.isEmpty()) {
            return sameLine;
        }
        StringBuilder paragraph = new StringBuilder();
        for (int i = at + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() && paragraph.length() > 0) {
                break;
            }
            if (startsQuote(plain(line))) {
                break;
            }
            if (!line.isEmpty()) {
                paragraph.append(paragraph.length() > 0 ? " " : "").append(line);
            }
        }
        return paragraph.toString();
    }

    private static int indexAfterWord(String line, int wordLength) {
        int i = 0;
        while (i < line.length() && !Character.isLetter(line.charAt(i))) {
            i++;
        }
        return Math.min(line.length(), i + wordLength);
    }

    private static boolean startsQuote(String plainLine) {
        for (Pattern p : QUOTE_STARTS) {
            if (p.matcher(plainLine).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case, accents removed, non-breaking spaces made plain: "Approuvé" reads as "approuve". */
    static String plain(String line) {
        String decomposed = Normalizer.normalize(line.replace('\u00a0', ' '), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").strip().toLowerCase(Locale.ROOT);
    }
}
