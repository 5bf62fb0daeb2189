package org.parley.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every template exists in every language the forum ships and names only values the code gives. */
class TemplatesTest {
    /** The six UN languages: the forum may run in any of them. */
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");
    static final Map<String, Set<String>> PROVIDED = Map.ofEntries(
            Map.entry("held-author", Set.of("list", "subject", "reason")),
            Map.entry("held-moderator", Set.of("list", "subject", "sender", "reason", "hits", "held", "reply")),
            Map.entry("held-escalated", Set.of("list", "subject", "sender", "reason", "held", "reply", "hours")),
            Map.entry("rejected", Set.of("list", "subject", "reason")),
            Map.entry("decision-applied", Set.of("list", "subject", "action")),
            Map.entry("decision-refused", Set.of("list", "subject", "why")),
            Map.entry("help", Set.of("list", "post", "request", "owner")),
            Map.entry("footer", Set.of("list", "archive", "request")),
            Map.entry("welcome", Set.of("name", "forum", "link", "hours", "minutes", "protocol", "lists")),
            Map.entry("guest-welcome", Set.of("name", "forum", "link", "hours", "minutes", "protocol", "lists")),
            Map.entry("password-reset", Set.of("name", "forum", "link", "hours", "minutes", "protocol", "lists")),
            Map.entry("login-link", Set.of("name", "forum", "link", "hours", "minutes", "protocol", "lists")),
            Map.entry("request-moderator", Set.of("list", "subject", "kind", "requester", "summary", "number", "reply")),
            Map.entry("request-received", Set.of("list", "kind", "title")),
            Map.entry("request-accepted", Set.of("list", "kind", "title", "detail")),
            Map.entry("request-declined", Set.of("list", "kind", "title", "reason")),
            Map.entry("command-answer", Set.of("list", "subject", "answer")),
            Map.entry("leave-confirm", Set.of("list", "subject", "link", "reply")),
            Map.entry("digest", Set.of("list", "count", "messages", "archive", "request")));

    private final Templates templates = new Templates();

    @Test
    void everyTemplateIsPresentInEveryLanguageAndUsesOnlyProvidedValues() {
        for (String language : LANGUAGES) {
            for (var entry : PROVIDED.entrySet()) {
                assertTrue(templates.has(language, entry.getKey()), entry.getKey() + " missing in " + language);
                Set<String> used = templates.variables(language, entry.getKey());
                assertTrue(entry.getValue().containsAll(used),
                        language + "/" + entry.getKey() + " names " + used + " but the code gives " + entry.getValue());
            }
        }
    }

    @Test
    void everyLanguageHasTheSamePhrasesAsEnglish() {
        Set<String> english = templates.phraseKeys("en");
        for (String language : LANGUAGES) {
            assertEquals(english, templates.phraseKeys(language), "phrases of " + language);
        }
    }

    @Test
    void everyTemplateRendersInEveryLanguageWithASubjectAndNoPlaceholderLeft() {
        for (String language : LANGUAGES) {
            for (var entry : PROVIDED.entrySet()) {
                Map<String, String> values = new HashMap<>();
                entry.getValue().forEach(name -> values.put(name, "<" + name + ">"));
                Templates.Text text = templates.render(entry.getKey(), List.of(language), values);
                assertEquals(language, text.language(), entry.getKey());
                assertTrue(!text.body().isBlank() && !text.body().contains("{{"), language + "/" + entry.getKey());
                assertEquals(!entry.getKey().equals("footer"), !text.subject().isBlank(), language + "/" + entry.getKey());
            }
            for (String key : templates.phraseKeys("en")) {
                Map<String, String> values = new HashMap<>();
                templates.phraseVariables("en", key).forEach(name -> values.put(name, "<" + name + ">"));
                String phrase = templates.phrase(key, List.of(language), values);
                assertTrue(!phrase.isBlank() && !phrase.contains("{{"), language + " phrase " + key);
                assertEquals(templates.phraseVariables("en", key), templates.phraseVariables(language, key),
                        language + " phrase " + key + " names other values than English");
            }
        }
    }

    @Test
    void theProtocolExistsInEveryLanguage() {
        Protocol protocol = new Protocol("1");
        for (String language : LANGUAGES) {
            assertTrue(protocol.has(language), "protocol in " + language);
            assertTrue(protocol.text(List.of(language)).body().lines().count() > 10, "protocol in " + language);
        }
    }

    @Test
    void aTemplateFallsBackToTheNextLanguageWhenMissing() {
        var text = templates.render("help", List.of("xx", "fr"), Map.of("list", "l", "post", "p", "request", "r",
                "owner", "o"));
        assertEquals("fr", text.language());
        assertTrue(text.subject().contains("Aide"));
    }
}
