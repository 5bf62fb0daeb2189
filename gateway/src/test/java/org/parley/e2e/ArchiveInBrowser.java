package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.web.Passwords;

/** A forum whose archive is open in Chromium, and members who log in there with one password. */
final class ArchiveInBrowser implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";

    final WebDriver browser;
    final ForumFixture forum;
    final String base;

    private ArchiveInBrowser(WebDriver browser, ForumFixture forum) {
        this.browser = browser;
        this.forum = forum;
        this.base = "http://localhost:" + forum.server.webPort();
    }

    /** The forum in these languages; the members named may log in. Skipped where Chromium is missing. */
    static ArchiveInBrowser start(Path dir, Path downloads, String languages, String... members) throws Exception {
        WebDriver browser = Chromium.start(dir.resolve("chrome"), downloads);
        try {
            ForumFixture forum = ForumFixture.start(dir, loader -> loader.set("parley.web.base-url", "http://localhost")
                    .set("parley.languages", languages));
            for (String member : members) {
                forum.forum.store().run(tx -> tx.access().setPasswordHash(tx.members().find(member).orElseThrow().id(),
                        Passwords.hash(PASSWORD)));
            }
            return new ArchiveInBrowser(browser, forum);
        } catch (Exception | Error e) {
            browser.quit();
            throw e;
        }
    }

    /** Logs in afresh, reading the pages in the given language. */
    void logIn(String member, String language) {
        forum.forum.store().run(tx -> tx.members().updatePreferences(tx.members().find(member).orElseThrow().id(),
                language, "UTC"));
        logIn(member);
    }

    /** Logs in afresh: the archive sends a stranger to the login page first. */
    void logIn(String member) {
        browser.manage().deleteAllCookies();
        browser.get(base + "/");
        assertTrue(browser.getCurrentUrl().contains("/login"), browser.getCurrentUrl());
        browser.findElement(By.id("email")).sendKeys(member);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().equals(base + "/"));
    }

    @Override
    public void close() {
        browser.quit();
        forum.close();
    }
}
