package org.parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.parley.model.ThreadSummary;

class WebUnitTest {
    private final I18n i18n = new I18n();
    private final Views views = new Views(i18n, null);

    private Frame frame(String lang) {
        return new Frame(i18n, lang, "t", null, "c");
    }

    private String page(String lang, Notice notice) {
        return views.render("notice", Map.of("f", frame(lang), "p", notice));
    }

    private String text(String body) {
        return views.render("mailText", Map.of("f", frame("en"), "blocks", MailText.blocks(body)));
    }

    @Test
    void everyPageLanguageHasEveryWordEnglishHas() {
        for (String language : List.of("fr", "es", "ar", "zh", "ru")) {
            assertEquals(i18n.keys("en"), i18n.keys(language), language);
        }
    }

    @Test
    void arabicPagesAreRightToLeft() {
        assertTrue(page("ar", Notice.error("x")).contains("<html lang=\"ar\" dir=\"rtl\">"));
        assertTrue(page("fr", Notice.error("x")).contains("dir=\"ltr\""));
    }

    @Test
    void noPageIsWrittenInJavaStrings() throws IOException {
        // Pages come from the templates, which escape every value; HTML pieced together in Java
        // is where one forgotten escape becomes stored XSS.
        Pattern tag = Pattern.compile("\"[^\"\\n]*</?[a-zA-Z][^\"\\n]*\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> found = sources.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> tag.matcher(l).find()).map(l -> p + ": " + l.strip());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), found);
        }
    }

    @Test
    void everyValueIsEscapedByTheTemplates() {
        String html = page("en", Notice.done("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"));
        assertFalse(html.contains("<script>alert") || html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    }

    @Test
    void plainTextIsEscapedLinksAreMadeAndQuotesAndSignaturesFolded() {
        String html = text("Voir https://example.org/a?b=1&c=2.\n> cité <b>\n> encore\nFin\n-- \nJean");
        assertTrue(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">"), html);
        assertTrue(html.contains("<details class=\"quote\"><summary>" + i18n.t("en", "thread.quoted") + "</summary>"), html);
        assertTrue(html.contains("cité &lt;b&gt;"), html);
        assertTrue(html.contains("<details class=\"sig\"><summary>" + i18n.t("en", "thread.signature") + "</summary>"), html);
        assertTrue(html.contains("Voir <a") && html.contains("</a>.\n<details") && html.contains("Fin\n<details"), html);
        assertFalse(html.contains("<b>"));
    }

    @Test
    void mailHtmlKeepsFormattingAndImagesOfTheMessageButNothingActiveOrRemote() {
        String clean = MailHtml.sanitise("<p style=\"color:red\" onclick=\"x()\">Hi <b>there</b></p>"
                + "<img src=\"cid:logo@x\"><img src=\"https://tracker.example/p.gif\"><script>x()</script>"
                + "<a href=\"javascript:x()\">j</a><a href=\"https://example.org\">ok</a><form><input></form>",
                Map.of("logo@x", "/lists/strategies-fr/messages/ABC234/parts/2?inline=1"));
        assertTrue(clean.contains("<b>there</b>"), clean);
        assertTrue(clean.contains("src=\"/lists/strategies-fr/messages/ABC234/parts/2?inline&#61;1\"")
                || clean.contains("src=\"/lists/strategies-fr/messages/ABC234/parts/2?inline=1\""), clean);
        assertFalse(clean.contains("tracker.example"), clean);
        assertFalse(clean.contains("script") || clean.contains("onclick") || clean.contains("style=")
                || clean.contains("javascript") || clean.contains("<form") || clean.contains("<input"), clean);
        assertTrue(clean.contains("nofollow") && clean.contains("noopener") && clean.contains("noreferrer"), clean);
    }

    @Test
    void passwordsAreArgon2idAndCheckOnlyThemselves() {
        String hash = Passwords.hash("correct horse battery");
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertTrue(Passwords.check("correct horse battery", hash));
        assertFalse(Passwords.check("wrong", hash));
        assertFalse(Passwords.check("x", ""));
    }

    @Test
    void onlyOwnPathsAreFollowedAfterLogin() {
        assertEquals("/lists/a", AccountPages.safeNext("/lists/a"));
        assertEquals("/", AccountPages.safeNext("//evil.example/"));
        assertEquals("/", AccountPages.safeNext("https://evil.example/"));
        assertEquals("/", AccountPages.safeNext(null));
        assertEquals("/lists/a?page=2", AccountPages.safeNext("/lists/a?page=2"));
        for (String hostile : new String[] {"/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/%09/evil.example",
                "/%2F/evil.example", "/%5Cevil.example", "\t//evil.example", "/x\r\nSet-Cookie: a=b", "/%0d%0aSet-Cookie:a",
                "javascript:alert(1)", "/%zz"}) {
            assertEquals("/", AccountPages.safeNext(hostile), hostile);
        }
    }

    @Test
    void waitingTimesAreInTheReadersWords() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        assertEquals("5 minutes", ModerationPages.age(i18n, "en", now.minusSeconds(300), now));
        assertEquals("1 heure", ModerationPages.age(i18n, "fr", now.minusSeconds(3700), now));
        assertEquals("3 días", ModerationPages.age(i18n, "es", now.minusSeconds(3 * 86_400), now));
        assertEquals("5 分钟", ModerationPages.age(i18n, "zh", now.minusSeconds(300), now));
        assertEquals("2 ч.", ModerationPages.age(i18n, "ru", now.minusSeconds(7300), now));
        assertEquals("يومان", ModerationPages.age(i18n, "ar", now.minusSeconds(2 * 86_400), now));
    }

    @Test
    void textFromMailIsIsolatedAndKeepsItsDirection() {
        ThreadSummary thread = new ThreadSummary(7, "strategies-ar", "مرحبا <x>", "a@b.test", "", "", Instant.EPOCH,
                Instant.EPOCH, 1, 1);
        assertEquals("<a href=\"/lists/strategies-ar/threads/7\" dir=\"auto\">مرحبا &lt;x&gt;</a>",
                views.render("threadLink", Map.of("t", thread)));
        assertEquals("<div class=\"text\" dir=\"auto\">سطر\nline\n</div>", text("سطر\nline"));
    }
}
