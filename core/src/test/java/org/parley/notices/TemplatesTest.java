package org.parley.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every template exists in every language the forum ships and names only values the code gives. */
class TemplatesTest {
    static final List<String> LANGUAGES = List.of("en", "fr", "es");
    static final Map<String, Set<String>> PROVIDED = Map.of(
            "held-author", Set.of("list", "subject", "reason"),
            "held-moderator", Set.of("list", "subject", "sender", "reason", "hits", "held", "reply"),
            "rejected", Set.of("list", "subject", "reason"),
            "decision-applied", Set.of("list", "subject", "action"),
            "decision-refused", Set.of("list", "subject", "why"),
            "help", Set.of("list", "post", "request", "owner"),
            "footer", Set.of("list", "archive", "request"),
            "welcome", Set.of("name", "forum", "link", "hours", "minutes"),
            "password-reset", Set.of("name", "forum", "link", "hours", "minutes"),
            "login-link", Set.of("name", "forum", "link", "hours", "minutes"));

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
    void aTemplateFallsBackToTheNextLanguageWhenMissing() {
        var text = templates.render("help", List.of("xx", "fr"), Map.of("list", "l", "post", "p", "request", "r",
                "owner", "o"));
        assertEquals("fr", text.language());
        assertTrue(text.subject().contains("Aide"));
    }
}
