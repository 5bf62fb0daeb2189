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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.archive.ArchivedMessage;
import org.parley.archive.ThreadSummary;
import org.parley.notices.Protocol;
import org.parley.web.Passwords;

/** What a member and a moderator see on every page, in real Chromium, with axe-core watching. */
class ArchivePagesInBrowserTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String ARABIC_SUBJECT = "مرحبا بالجميع: خطة العمل";
    @TempDir
    Path dir;
    @TempDir
    Path downloads;
    ForumFixture forum;
    WebDriver browser;
    String base;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start(dir.resolve("chrome"), downloads);
        forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost")
                .set("parley.languages", "en,fr,es,ar,zh,ru"));
        for (String member : List.of(JEAN, MODERATOR)) {
            forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(member).orElseThrow().id(),
                    Passwords.hash(PASSWORD)));
        }
        base = "http://localhost:" + forum.server.webPort();
        forum.post(CLAIRE, "strategies-fr", "Rapport annuel", "Première ligne\nDeuxième ligne\n\nTroisième paragraphe.");
        forum.post(CLAIRE, "strategies-fr", "Re: Rapport annuel", "Merci,\nbien reçu.");
        forum.post(CLAIRE, "strategies-fr", ARABIC_SUBJECT, "نص عربي، مع علامات الترقيم في آخره.");
        forum.post(JEAN, "strategies-fr", "Une question", "Jean is not trusted: this post is held.");
        forum.awaitOne(AMINATA, "Rapport annuel");
        forum.settle();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (forum != null) {
            forum.close();
        }
    }

    private void logIn(String member, String language) {
        forum.forum.store().run(tx -> tx.members().updatePreferences(tx.members().find(member).orElseThrow().id(),
                language, "UTC"));
        browser.manage().deleteAllCookies();
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(member);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().equals(base + "/"));
    }

    private ThreadSummary thread(String subject) {
        return forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 20)).stream()
                .filter(t -> t.subject().equals(subject)).findFirst().orElseThrow();
    }

    private ArchivedMessage first(ThreadSummary thread) {
        return forum.forum.store().read(tx -> tx.archive().messagesOf(thread.id())).get(0);
    }

    private String messagePage(String subject) {
        return "/lists/strategies-fr/messages/" + first(thread(subject)).hash();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void everyPageMeetsWcag22AaForAMemberAndAModeratorInFrenchAndArabic() {
        List<String> pages = List.of("/", "/lists/strategies-fr", "/lists/strategies-fr/threads/" + thread("Rapport annuel").id(),
                messagePage("Rapport annuel"), messagePage(ARABIC_SUBJECT), "/settings", "/protocol");
        List<String> moderatorPages = List.of("/moderation", "/discussions", "/moderation/audit");
        List<String> found = new ArrayList<>();
        browser.get(base + "/login");
        Chromium.accessibilityViolations(browser).forEach(v -> found.add("/login: " + v));
        for (String[] viewer : new String[][] {{JEAN, "fr"}, {MODERATOR, "en"}, {MODERATOR, "ar"}}) {
            logIn(viewer[0], viewer[1]);
            List<String> all = new ArrayList<>(pages);
            if (viewer[0].equals(MODERATOR)) {
                all.addAll(moderatorPages);
            }
            for (String page : all) {
                browser.get(base + page);
                for (String violation : Chromium.accessibilityViolations(browser)) {
                    found.add(viewer[1] + " " + page + ": " + violation);
                }
            }
        }
        assertTrue(found.isEmpty(), "WCAG 2.2 AA violations:\n" + String.join("\n", found));
    }

    @Test
    void theMessagePageKeepsTheAuthorsLineBreaks() {
        logIn(JEAN, "fr");
        browser.get(base + messagePage("Rapport annuel"));
        String text = browser.findElement(By.cssSelector("article.message-body")).getText();
        assertTrue(text.contains("Première ligne\nDeuxième ligne\n\nTroisième paragraphe."), text);
    }

    @Test
    void arabicTextFromMailReadsRightToLeftInsideAFrenchPage() {
        logIn(JEAN, "fr");
        browser.get(base + messagePage(ARABIC_SUBJECT));
        assertEquals("ltr", js("return getComputedStyle(document.body).direction;"));
        assertEquals("rtl", js("return getComputedStyle(document.querySelector('h1')).direction;"), "the subject");
        assertEquals("rtl", js("return getComputedStyle(document.querySelector('article .text')).direction;"), "the body");
        browser.get(base + "/lists/strategies-fr");
        WebElement link = browser.findElement(By.partialLinkText("مرحبا بالجميع"));
        assertEquals("rtl", ((JavascriptExecutor) browser).executeScript("return getComputedStyle(arguments[0]).direction;",
                link), "the subject in the list of threads");
    }

    @Test
    void theMessagePageLinksToItsThreadByTheThreadsSubject() {
        logIn(JEAN, "fr");
        ThreadSummary thread = thread("Rapport annuel");
        ArchivedMessage reply = forum.forum.store().read(tx -> tx.archive().messagesOf(thread.id())).get(1);
        browser.get(base + "/lists/strategies-fr/messages/" + reply.hash());
        WebElement link = browser.findElement(By.cssSelector("a[href='/lists/strategies-fr/threads/" + thread.id() + "']"));
        assertEquals("Rapport annuel", link.getText());
    }

    @Test
    void everyLineOfTheProtocolIsOnThePageInEveryLanguage() {
        Protocol protocol = new Protocol("1");
        for (String language : List.of("en", "fr", "es", "ar", "zh", "ru")) {
            logIn(JEAN, language);
            browser.get(base + "/protocol");
            String shown = browser.findElement(By.cssSelector("article.protocol")).getText().replaceAll("\\s+", " ");
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
        forum.clock.advance(Duration.ofDays(2));
        for (String[] expected : new String[][] {{"en", "2 days"}, {"fr", "2 jours"}, {"es", "2 días"}, {"ar", "يومان"},
                {"zh", "2 天"}, {"ru", "2 дн."}}) {
            logIn(MODERATOR, expected[0]);
            browser.get(base + "/moderation");
            String text = browser.findElement(By.cssSelector("section.held p.muted")).getText();
            assertTrue(text.contains(expected[1]), expected[0] + ": " + text);
        }
    }
}
