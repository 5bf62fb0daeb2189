package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.model.Permalink;
import org.parley.translation.TranslationRequest;

/** The archive in real headless Chromium (Debian's chromium and chromium-driver, as .ci/run installs them). */
class BrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path downloads;
    ArchiveInBrowser web;
    ForumFixture forum;
    WebDriver browser;
    String base;

    @BeforeEach
    void start() throws Exception {
        web = ArchiveInBrowser.start(dir, downloads, "en,fr,es,ar", JEAN);
        forum = web.forum;
        browser = web.browser;
        base = web.base;
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private void logIn() {
        web.logIn(JEAN);
    }

    private long threadOf(String subject) {
        return forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 20)).stream()
                .filter(t -> t.subject().contains(subject)).findFirst().orElseThrow().id();
    }

    @Test
    void aMemberLogsInOpensAListAndAThreadFoldsAMessageAndDownloadsAnAttachment() throws Exception {
        String post = "From: Claire Moreau <claire@delegation-fr.test>\r\nTo: strategies-fr@forum.test\r\n"
                + "Subject: Rapport annuel\r\nMessage-ID: <report@client.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Le rapport est joint.\r\n--b\r\nContent-Type: text/csv; name=rapport.csv\r\n"
                + "Content-Disposition: attachment; filename=rapport.csv\r\n\r\npays,brevets\r\nFR,12\r\n--b--\r\n";
        forum.send(CLAIRE, "strategies-fr@forum.test", post);
        forum.post(JEAN, "strategies-fr", "Re: Rapport annuel", "Merci !");
        forum.awaitOne(AMINATA, "Rapport annuel");
        logIn();
        browser.findElement(By.linkText("National IP strategies")).click();
        WebElement link = browser.findElement(By.partialLinkText("Rapport annuel"));
        link.click();
        assertEquals(base + "/lists/strategies-fr/threads/" + threadOf("Rapport annuel"), browser.getCurrentUrl());
        WebElement message = browser.findElements(By.cssSelector("details.message")).get(0);
        assertTrue(message.getText().contains("Le rapport est joint."));
        message.findElement(By.cssSelector("summary strong")).click();
        assertNull(message.getAttribute("open"), "folded");
        message.findElement(By.cssSelector("summary strong")).click();
        assertEquals("true", message.getAttribute("open"), "unfolded");

        browser.findElement(By.cssSelector("a.attachment")).click();
        Path file = downloads.resolve("rapport.csv");
        // Chromium may create the file before it has written it: wait for its content.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                return Files.exists(file) && Files.size(file) > 0;
            } catch (IOException stillMoving) {
                return false;
            }
        });
        assertEquals("pays,brevets\r\nFR,12", Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    @Test
    void aMessageCarryingXssPayloadsRendersInert() throws Exception {
        String html = "<p>Bonjour</p><script>window.pwned='script';alert(1)</script>"
                + "<img src=x onerror=\"window.pwned='onerror';alert(2)\">"
                + "<a id=js href=\"javascript:window.pwned='href'\">clic</a>"
                + "<img src=\"http://evil.example/beacon.png\"><svg onload=\"window.pwned='svg'\"></svg>"
                + "<iframe src=\"http://evil.example/\"></iframe><form action=\"http://evil.example/\"><input name=q></form>"
                + "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:red\">overlay</div>"
                + "<math><mi xlink:href=\"javascript:alert(3)\">m</mi></math>";
        String post = "From: Claire Moreau <claire@delegation-fr.test>\r\nTo: strategies-fr@forum.test\r\n"
                + "Subject: <script>alert('subject')</script> XSS\r\nMessage-ID: <xss@client.test>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "<script>window.pwned='text'</script> http://evil.example/\"onmouseover=\"alert(4)\r\n"
                + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--b--\r\n";
        forum.send(CLAIRE, "strategies-fr@forum.test", post);
        forum.awaitOne(AMINATA, "XSS");
        logIn();
        String hash = forum.forum.store().read(tx -> tx.archive().threads("strategies-fr", Optional.empty(), 0, 1)).isEmpty()
                ? "" : Permalink.hash("<xss@client.test>");
        for (String page : List.of("/lists/strategies-fr", "/lists/strategies-fr/threads/" + threadOf("XSS"),
                "/lists/strategies-fr/messages/" + hash, "/")) {
            browser.get(base + page);
            assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert(), page);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertNull(js.executeScript("return window.pwned;"), page);
            @SuppressWarnings("unchecked")
            List<String> requested = (List<String>) js.executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name);");
            for (String url : requested) {
                assertTrue(url.startsWith(base), page + " requested " + url);
            }
        }
        browser.get(base + "/lists/strategies-fr/messages/" + hash);
        assertTrue(browser.getPageSource().contains("Bonjour"));
        assertTrue(browser.findElements(By.tagName("script")).isEmpty());
        assertTrue(browser.findElements(By.tagName("iframe")).isEmpty());
        assertTrue(browser.findElements(By.tagName("form")).stream().noneMatch(f -> String.valueOf(f.getAttribute("action")).contains("evil")));
        assertTrue(browser.findElements(By.tagName("a")).stream()
                .noneMatch(a -> String.valueOf(a.getAttribute("href")).startsWith("javascript")), "no javascript: link");
        assertFalse(browser.getPageSource().contains("onerror"));
    }

    @Test
    void anArabicReaderSeesTheArchiveRightToLeftAndFollowsALinkToTheSpanishVersion() throws Exception {
        forum.admin().subscribe(JEAN, List.of("strategies-es"));
        forum.forum.store().run(tx -> tx.members().updatePreferences(tx.members().find(JEAN).orElseThrow().id(), "ar",
                "UTC"));
        forum.post(CLAIRE, "strategies-fr", "Coopération", "Nous proposons un atelier.");
        forum.awaitOne(AMINATA, "Coopération");
        forum.settle();
        var french = forum.forum.store().read(tx -> tx.archive().byMessageId("strategies-fr",
                tx.archive().messagesOf(threadOf("Coopération")).get(0).messageId())).orElseThrow();
        forum.forum.store().run(tx -> forum.forum.translations().translate(tx, french,
                tx.rooms().list("strategies-fr").orElseThrow(), new TranslationRequest(
                        Optional.of("es"), "es", Optional.of("Cooperación"), "Proponemos un taller."),
                tx.members().find(ForumFixture.MODERATOR).orElseThrow()));
        logIn();
        browser.get(base + "/lists/strategies-fr/messages/" + french.hash());
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals("rtl", js.executeScript("return getComputedStyle(document.body).direction;"));
        assertEquals("ar", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.findElement(By.cssSelector("p.versions")).getText().contains("متوفر أيضًا بـ"));
        browser.findElement(By.cssSelector("a.version[hreflang=es]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/lists/strategies-es/"));
        assertTrue(browser.findElement(By.cssSelector("article.message-body")).getText().contains("Proponemos un taller."));
        browser.findElement(By.cssSelector("a.version[hreflang=fr]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/lists/strategies-fr/"));
    }
}
