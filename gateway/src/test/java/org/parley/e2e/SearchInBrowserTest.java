package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.archive.Archive;
import org.parley.inbound.PostParser;
import org.parley.model.HeldMessage;
import org.parley.moderation.Action;

/** Searching the archive in real Chromium: six languages, accents or none, and nothing of a list one is not on. */
class SearchInBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path downloads;
    ArchiveInBrowser web;

    @BeforeEach
    void start() throws Exception {
        web = ArchiveInBrowser.start(dir, downloads, "en,fr,es,ar,zh,ru", JEAN, MODERATOR);
        web.forum.admin().createRoom("offices", "Offices", List.of("ar", "zh"));
        web.forum.admin().createRoom("board", "Board", List.of("fr"));
        web.forum.post(CLAIRE, "strategies-fr", "Propriété intellectuelle",
                "La propriété intellectuelle des petites entreprises mérite un examen attentif.");
        web.forum.awaitOne(ForumFixture.AMINATA, "Propriété intellectuelle");
        web.forum.settle();
        file("offices-ar", "layla@delegation-eg.test", "فحص البراءات", "فحص طلبات البراءات يستغرق وقتا طويلا في مكتبنا");
        file("offices-zh", "wei@delegation-cn.test", "专利审查", "我们的专利审查积压问题日益严重。");
        file("board-fr", "chief@secretariat.test", "Confidentiel", "La propriété intellectuelle du conseil, à ne pas diffuser.");
    }

    /** A post filed straight into the archive, as an imported history is. */
    private void file(String list, String from, String subject, String body) {
        String raw = "From: " + from + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + list + "@x.test>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        var forum = web.forum.forum;
        Archive archive = new Archive(forum.clock(), forum.search());
        forum.store().run(tx -> archive.add(tx, 0, new PostParser("forum.test").parse(raw.getBytes(StandardCharsets.UTF_8)),
                tx.rooms().list(list).orElseThrow()));
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private void searchFromTheBox(String words) {
        WebElement box = web.browser.findElement(By.cssSelector("header form.search-box input[name=q]"));
        box.sendKeys(words);
        box.submit();
        new WebDriverWait(web.browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/search?"));
    }

    private List<String> hits() {
        return web.browser.findElements(By.cssSelector("#hits .hit-link")).stream().map(WebElement::getText).toList();
    }

    @Test
    void aFrenchMemberFindsWithOrWithoutAccentsAndNothingOfAListTheyAreNotOn() {
        web.logIn(JEAN, "fr");
        searchFromTheBox("propriete");
        assertEquals(List.of("Propriété intellectuelle"), hits(), "the board's post is not Jean's to find");
        assertTrue(web.browser.findElement(By.id("total")).getText().contains("Un message"), "counts only what Jean may read");
        assertTrue(web.browser.findElement(By.cssSelector("#hits mark")).getText().toLowerCase().startsWith("propri"));
        web.browser.get(web.base + "/search?q=" + "propri%C3%A9t%C3%A9");
        assertEquals(List.of("Propriété intellectuelle"), hits());
        web.browser.findElement(By.cssSelector("#hits .hit-link")).click();
        new WebDriverWait(web.browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/threads/"));
        assertTrue(web.browser.getCurrentUrl().contains("#m-"), web.browser.getCurrentUrl());
        assertTrue(web.browser.getPageSource().contains("petites entreprises"));
        web.browser.get(web.base + "/search?q=conseil+diffuser&all=1");
        assertEquals(List.of(), hits(), "not even with every language");
    }

    @Test
    void aModeratorFindsArabicAndChineseInOtherLanguagesAndThePageIsAccessible() {
        web.logIn(MODERATOR, "en");
        web.browser.get(web.base + "/search");
        web.browser.findElement(By.id("q")).sendKeys("البراءات");
        web.browser.findElement(By.id("all")).click();
        web.browser.findElement(By.id("search")).click();
        new WebDriverWait(web.browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("q="));
        assertEquals(List.of("فحص البراءات"), hits());
        assertEquals(List.of(), Chromium.accessibilityViolations(web.browser), "the search page, with results");
        web.browser.get(web.base + "/search?all=1&q=" + "%E4%B8%93%E5%88%A9%E5%AE%A1%E6%9F%A5");
        assertEquals(List.of("专利审查"), hits());
        web.browser.get(web.base + "/search?q=propriete");
        assertEquals(0, hits().size(), "an English reader searches English lists unless asked for more");
    }

    @Test
    void anApprovedPostIsFoundWithinASecond() throws Exception {
        web.forum.post(JEAN, "strategies-fr", "Délais d'examen", "Les délais d'examen des brevets s'allongent.");
        web.forum.settle();
        HeldMessage held = web.forum.admin().held(Optional.of("strategies-fr")).get(0);
        web.logIn(JEAN, "fr");
        web.browser.get(web.base + "/search?q=delais");
        assertFalse(hits().contains("Délais d'examen"), "held, not yet in the archive");
        web.forum.admin().decide(held.id(), Action.APPROVE, "", "test");
        long approved = System.nanoTime();
        web.browser.get(web.base + "/search?q=delais");
        long millis = (System.nanoTime() - approved) / 1_000_000;
        assertEquals(List.of("Délais d'examen"), hits());
        assertTrue(millis < 1000, "found " + millis + " ms after approval");
    }

    @Test
    void theCommandLineSearchesAsTheAdministratorOrAsAMember() {
        var all = web.forum.parley("", "search", "propriete", "--json");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("\"total\": 2"), all.out());
        var jean = web.forum.parley("", "search", "propriete", "--as", JEAN);
        assertEquals(0, jean.code(), jean.err());
        assertTrue(jean.out().startsWith("1 found") && jean.out().contains("[propriété]"), jean.out());
        var stranger = web.forum.parley("", "search", "x", "--as", "nobody@x.test");
        assertEquals(65, stranger.code());
        assertTrue(stranger.err().contains("no member nobody@x.test"), stranger.err());
        var reindex = web.forum.parley("", "search", "reindex", "--no-progress");
        assertEquals(0, reindex.code(), reindex.err());
        assertTrue(reindex.out().contains("indexed 4 messages"), reindex.out());
    }
}
