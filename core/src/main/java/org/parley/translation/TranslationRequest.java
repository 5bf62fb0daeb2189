package org.parley.translation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.inbound.Quotes;
import org.parley.notices.Vocabulary;

/**
 * A translation as a translator writes it in a reply: {@code translate es} on the first
 * line (in any of the six languages: {@code traduire espagnol}, {@code перевести es}),
 * optionally a {@code Subject:} line, then the text, above the quoted original.
 *
 * @param target the language asked for, empty if the command named none the forum has
 * @param commandLanguage the language the command was written in, for the answer
 */
public record TranslationRequest(Optional<String> target, String commandLanguage, Optional<String> subject,
                                 String text) {
    private static final Pattern SUBJECT = Pattern.compile(
            "^\\s*(subject|objet|sujet|asunto|тема|الموضوع|主题|标题)\\s*[:：]\\s*(.+)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final int LOOK_AT_LINES = 5;

    /** The request, if one of the first lines of the text is a translate command. */
    public static Optional<TranslationRequest> read(String text, List<String> languages) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int end = Quotes.start(lines);
        for (int i = 0, seen = 0; i < end && seen < LOOK_AT_LINES; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            seen++;
            Optional<Vocabulary.Found> found = Vocabulary.first(lines[i]);
            if (found.isPresent() && found.get().word().command() == Vocabulary.Command.TRANSLATE) {
                String named = found.get().rest().replaceAll("^[\\s:：,]+", "").split("[\\s:：,.]+", 2)[0];
                return Optional.of(body(lines, i + 1, end, Vocabulary.language(named, languages),
                        found.get().word().language()));
            }
        }
        return Optional.empty();
    }

    private static TranslationRequest body(String[] lines, int from, int end, Optional<String> target,
                                           String commandLanguage) {
        int i = from;
        while (i < end && lines[i].isBlank()) {
            i++;
        }
        Optional<String> subject = Optional.empty();
        Matcher m = i < end ? SUBJECT.matcher(lines[i]) : null;
        if (m != null && m.matches()) {
            subject = Optional.of(m.group(2).strip());
            i++;
        }
        List<String> kept = new ArrayList<>();
        for (; i < end; i++) {
            if (lines[i].equals("-- ")) {
                break; // the translator's signature is not part of the translation
            }
            kept.add(lines[i].stripTrailing());
        }
        while (!kept.isEmpty() && kept.get(0).isBlank()) {
            kept.remove(0);
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        return new TranslationRequest(target, commandLanguage, subject, String.join("\n", kept));
    }
}
