package org.parley.translation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.config.Settings;
import org.parley.distribution.Answers;
import org.parley.inbound.Post;
import org.parley.model.ArchivedMessage;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Permalink;
import org.parley.model.Refusal;
import org.parley.notices.Languages;
import org.parley.notices.Vocabulary;
import org.parley.store.Tx;

/**
 * A translation that came by mail, as a reply to a moderator notice or to a distributed
 * post: carried out, and answered in the language the command was written in.
 */
public final class TranslationReply {
    private final Settings settings;
    private final Translations translations;
    private final Answers answers;

    public TranslationReply(Settings settings, Translations translations, Answers answers) {
        this.settings = settings;
        this.translations = translations;
        this.answers = answers;
    }

    /**
     * Returns the outcome, for the arrival's record; {@code about} is the subject the answer
     * names when the original is not in the archive.
     */
    public String handle(Tx tx, Post mail, Optional<ArchivedMessage> original, String about, ForumList list,
                         Member translator, TranslationRequest request) {
        List<String> languages = Languages.of(Optional.of(request.commandLanguage()), translator.language(),
                list.language(), settings.defaultLanguage());
        if (original.isEmpty()) {
            return refuse(tx, mail, list, about, languages, "refused.translate-not-archived", Map.of());
        }
        Outcome<Translations.Sent> outcome = translations.translate(tx, original.get(), list, request, translator);
        if (outcome instanceof Refusal<Translations.Sent> refused) {
            return refuse(tx, mail, list, original.get().subject(), languages, refused.why(), refused.values());
        }
        Translations.Sent sent = ((Outcome.Applied<Translations.Sent>) outcome).value();
        String action = answers.phrase("action.translate", languages, Map.of(
                "language", Vocabulary.nameIn(sent.list().language(), languages.get(0)),
                "target", sent.list().postAddress(settings.domain()),
                "link", Permalink.url(settings.web().baseUrl(), sent.list().name(), sent.translation().hash())));
        answers.send(tx, mail, list, original.get().subject(), languages, "decision-applied", Map.of("action", action));
        return "translated: " + sent.list().name() + " " + sent.translation().messageId();
    }

    private String refuse(Tx tx, Post mail, ForumList list, String subject, List<String> languages, String why,
                          Map<String, String> values) {
        answers.send(tx, mail, list, subject, languages, "decision-refused",
                Map.of("why", answers.phrase(why, languages, values)));
        return "refused: " + why;
    }
}
