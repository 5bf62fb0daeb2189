package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.parley.model.ArchivedMessage;
import org.parley.model.ThreadSummary;
import org.parley.notices.Protocol;

/** What a member and a moderator see on every page, in real Chromium, with axe-core watching. */
class ArchivePagesInBrowserTest {
    private static final String ARABIC_SUBJECT = "مرحبا بالجميع: خطة العمل";
    @TempDir
    Path dir;
    @TempDir
    Path downloads;
    ArchiveInBrowser web;

    @BeforeEach
    void start() throws Exception {
        web = ArchiveInBrowser.start(dir, downloads, "en,fr,es,ar,zh,ru", JEAN, MODERATOR);
        web.forum.post(CLAIRE, "strategies-fr", "Rapport annuel", "Première ligne\nDeuxième ligne\n\nTroisième paragraphe.");
        web.forum.post(CLAIRE, "strategies-fr", "Re: Rapport annuel", "Merci,\nbien reçu.");
        web.forum.post(CLAIRE, "strategies-fr", ARABIC_SUBJECT, "نص عربي، مع علامات الترقيم في آخره.");
        web.forum.post(JEAN, "strategies-fr", "Une question", "Jean is not trusted: this post is held.");
        web.forum.awaitOne(AMINATA, "Rapport annuel");
        web.forum.settle();
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private void logIn(String member, String language) {
        web.logIn(member, language);
    }

    private ThreadSummary thread(String subject) {
        return web.forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 20)).stream()
                .filter(t -> t.subject().equals(subject)).findFirst().orElseThrow();
    }

    private ArchivedMessage first(ThreadSummary thread) {
        return web.forum.forum.store().read(tx -> tx.archive().messagesOf(thread.id())).get(0);
    }

    private String messagePage(String subject) {
        return "/lists/strategies-fr/messages/" + first(thread(subject)).hash();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) web.browser).executeScript(script);
    }

    @Test
    void everyPageMeetsWcag22AaForAMemberAndAModeratorInFrenchAndArabic() {
        List<String> pages = List.of("/", "/lists/strategies-fr", "/lists/strategies-fr/threads/" + thread("Rapport annuel").id(),
                messagePage("Rapport annuel"), messagePage(ARABIC_SUBJECT), "/settings", "/protocol");
        List<String> moderatorPages = List.of("/moderation", "/discussions", "/moderation/audit");
        List<String> found = new ArrayList<>();
        web.browser.get(web.base + "/login");
        Chromium.accessibilityViolations(web.browser).forEach(v -> found.add("/login: " + v));
        for (String[] viewer : new String[][] {{JEAN, "fr"}, {MODERATOR, "en"}, {MODERATOR, "ar"}}) {
            logIn(viewer[0], viewer[1]);
            List<String> all = new ArrayList<>(pages);
            if (viewer[0].equals(MODERATOR)) {
                all.addAll(moderatorPages);
            }
            for (String page : all) {
                web.browser.get(web.base + page);
                for (String violation : Chromium.accessibilityViolations(web.browser)) {
                    found.add(viewer[1] + " " + page + ": " + violation);
                }
            }
        }
        assertTrue(found.isEmpty(), "WCAG 2.2 AA violations:\n" + String.join("\n", found));
    }

    @Test
    void theMessagePageKeepsTheAuthorsLineBreaks() {
        logIn(JEAN, "fr");
        web.browser.get(web.base + messagePage("Rapport annuel"));
        String text = web.browser.findElement(By.cssSelector("article.message-body")).getText();
        assertTrue(text.contains("Première ligne\nDeuxième ligne\n\nTroisième paragraphe."), text);
    }

    @Test
    void arabicTextFromMailReadsRightToLeftInsideAFrenchPage() {
        logIn(JEAN, "fr");
        web.browser.get(web.base + messagePage(ARABIC_SUBJECT));
        assertEquals("ltr", js("return getComputedStyle(document.body).direction;"));
        assertEquals("rtl", js("return getComputedStyle(document.querySelector('h1')).direction;"), "the subject");
        assertEquals("rtl", js("return getComputedStyle(document.querySelector('article .text')).direction;"), "the body");
        web.browser.get(web.base + "/lists/strategies-fr");
        WebElement link = web.browser.findElement(By.partialLinkText("مرحبا بالجميع"));
        assertEquals("rtl", ((JavascriptExecutor) web.browser).executeScript("return getComputedStyle(arguments[0]).direction;",
                link), "the subject in the list of threads");
    }

    @Test
    void theMessagePageLinksToItsThreadByTheThreadsSubject() {
        logIn(JEAN, "fr");
        ThreadSummary thread = thread("Rapport annuel");
        ArchivedMessage reply = web.forum.forum.store().read(tx -> tx.archive().messagesOf(thread.id())).get(1);
        web.browser.get(web.base + "/lists/strategies-fr/messages/" + reply.hash());
        WebElement link = web.browser.findElement(By.cssSelector("a[href='/lists/strategies-fr/threads/" + thread.id()
                + "?at=" + reply.hash() + "#m-" + reply.hash() + "']"));
        assertEquals("Rapport annuel", link.getText());
        link.click(); // to the thread, at the message (in the part of a long thread that holds it)
        assertTrue(web.browser.findElement(By.id("m-" + reply.hash())).isDisplayed());
    }

    @Test
    void everyLineOfTheProtocolIsOnThePageInEveryLanguage() {
        Protocol protocol = new Protocol("1");
        for (String language : List.of("en", "fr", "es", "ar", "zh", "ru")) {
            logIn(JEAN, language);
            web.browser.get(web.base + "/protocol");
            String shown = web.browser.findElement(By.cssSelector("article.protocol")).getText().replaceAll("\\s+", " ");
            int lines = 0;
            for (String line : protocol.text(List.of(language)).body().split("\n")) {
                String words = line.strip().replaceFirst("^(#+|[-*]|\\d+\\.)\\s+", "").replaceAll("[*_`]", "");
                if (!words.isBlank()) {
                    assertTrue(shown.contains(words.replaceAll("\\s+", " ")), language + " lost: " + words);
                    lines++;
                }
            }
            assertTrue(lines > 10, language + ": " + lines + " lines");
        }
    }

    @Test
    void waitingTimesOnTheHoldQueueAreInTheReadersLanguage() {
        web.forum.clock.advance(Duration.ofDays(2));
        for (String[] expected : new String[][] {{"en", "2 days"}, {"fr", "2 jours"}, {"es", "2 días"}, {"ar", "يومان"},
                {"zh", "2 天"}, {"ru", "2 дн."}}) {
            logIn(MODERATOR, expected[0]);
            web.browser.get(web.base + "/moderation");
            String text = web.browser.findElement(By.cssSelector("section.held p.muted")).getText();
            assertTrue(text.contains(expected[1]), expected[0] + ": " + text);
        }
    }
}
