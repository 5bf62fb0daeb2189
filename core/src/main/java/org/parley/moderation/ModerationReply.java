package org.parley.moderation;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parley.inbound.PlainText;
import org.parley.inbound.Quotes;
import org.parley.notices.Vocabulary;

/**
 * Reads a moderator's decision out of a reply as real clients write it: top-posted above
 * a quoted original (Outlook, Gmail, Apple Mail), plain or converted from HTML, in any of
 * the forum's languages. Only the first non-empty line of the moderator's own text counts,
 * and only when it starts with a command: a command further down may be a poster's words
 * that a client quoted without markers, so it is never read. What stands after a reject on
 * that line, or in the paragraph below it, is the reason.
 */
public final class ModerationReply {
    /**
     * A decision read from a reply, with the language the command was written in;
     * {@code allLanguages} for "approve all": the post goes to every language list of its room.
     */
    public record Command(Action action, String reason, String language, boolean allLanguages) {
    }

    private static final Map<Vocabulary.Command, Action> ACTIONS = Map.of(
            Vocabulary.Command.APPROVE, Action.APPROVE,
            Vocabulary.Command.REJECT, Action.REJECT,
            Vocabulary.Command.DISCARD, Action.DISCARD);

    private static final Pattern LEADING_NOISE = Pattern.compile("^[\\s*_#>\"'«»:.-]+");

    private ModerationReply() {
    }

    public static Optional<Command> read(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = PlainText.of(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            if (Quotes.starts(lines[i]) || Quotes.isSignature(lines[i])) {
                return Optional.empty();
            }
            return command(line, lines, i);
        }
        return Optional.empty();
    }

    private static Optional<Command> command(String line, String[] lines, int at) {
        Optional<Vocabulary.Found> found = Vocabulary.first(LEADING_NOISE.matcher(line).replaceFirst(""));
        if (found.isEmpty() || !ACTIONS.containsKey(found.get().word().command())) {
            return Optional.empty();
        }
        Vocabulary.Word word = found.get().word();
        Action action = ACTIONS.get(word.command());
        boolean all = action == Action.APPROVE && Vocabulary.first(found.get().rest())
                .filter(f -> f.word().command() == Vocabulary.Command.ALL).isPresent();
        String reason = action == Action.REJECT ? reason(lines[at], found.get().written(), lines, at) : "";
        return Optional.of(new Command(action, reason, word.language(), all));
    }

    /** The rest of the command line, or else the paragraph under it; from the original text, accents kept. */
    private static String reason(String original, String commandWord, String[] lines, int at) {
        String trimmed = original.strip();
        int start = indexAfterWord(trimmed, commandWord.length());
        String sameLine = trimmed.substring(start).replaceFirst("^[\\s:,;.\\-：，；。、]+", "").strip();
        if (!sameLine.isEmpty()) {
            return sameLine;
        }
        StringBuilder paragraph = new StringBuilder();
        for (int i = at + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() && paragraph.length() > 0) {
                break;
            }
            if (Quotes.starts(line) || Quotes.isIndented(lines[i]) || Quotes.isSignature(lines[i])) {
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
}
