package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.AMINATA;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.JEAN;
import static org.parley.e2e.ForumFixture.JOHN;
import static org.parley.e2e.ForumFixture.MODERATOR;

import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.parley.model.HeldMessage;
import org.parley.moderation.Action;

/** The participation page in real Chromium: its SVG chart, the table beside it, its CSV, for moderators only. */
class StatisticsInBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path downloads;
    ArchiveInBrowser web;

    @BeforeEach
    void start() throws Exception {
        web = ArchiveInBrowser.start(dir, downloads, "en,fr,es", JEAN, MODERATOR);
        web.forum.post(CLAIRE, "strategies-fr", "Plan national", "Voici le plan.");
        web.forum.post(JOHN, "strategies-en", "National plan", "Here is the plan.");
        web.forum.post(JEAN, "strategies-fr", "Re: Plan national", "Merci.");
        web.forum.awaitOne(MODERATOR, "Held for moderation");
        for (HeldMessage held : web.forum.admin().held(Optional.empty())) {
            web.forum.admin().decide(held.id(), Action.APPROVE, "", MODERATOR);
        }
        web.forum.awaitOne(AMINATA, "Re: Plan national");
        web.forum.settle();
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void aModeratorSeesTheWeeksAsAChartAndATableAndDownloadsTheCsv() throws Exception {
        web.logIn(MODERATOR);
        web.browser.get(web.base + "/statistics");
        assertEquals("3", cell("#summary dd", 0), "three posts");
        assertEquals("2 of 4", cell("#summary dd", 3), "two delegations of four took part (FR, GB; not SN, ES)");
        WebElement chart = web.browser.findElement(By.cssSelector("svg#weekly"));
        assertEquals("img", chart.getAttribute("role"));
        List<WebElement> bars = web.browser.findElements(By.cssSelector("svg#weekly rect.bar"));
        List<WebElement> rows = web.browser.findElements(By.cssSelector("#weeks tbody tr"));
        assertEquals(12, bars.size(), "twelve weeks by default");
        assertEquals(bars.size(), rows.size(), "a row for each bar");
        String lastWeek = rows.get(rows.size() - 1).getText();
        assertTrue(lastWeek.endsWith(" 3"), "this week's three posts: " + lastWeek);
        assertTrue(Integer.parseInt(bars.get(bars.size() - 1).getAttribute("height")) > 0);
        assertTrue(web.browser.findElement(By.cssSelector("#turnaround tbody")).getText().contains(MODERATOR));
        List<String> violations = Chromium.accessibilityViolations(web.browser);
        assertTrue(violations.isEmpty(), "WCAG 2.2 AA violations:\n" + String.join("\n", violations));

        web.browser.findElement(By.id("csv")).click();
        Path csv = waitForDownload();
        String table = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(table.startsWith("section,name,week,value\r\n"), table);
        assertTrue(table.contains("summary,posts,,3\r\n"), table);
        assertTrue(table.contains("delegation,FR,,2\r\n") && table.contains("delegation,GB,,1\r\n"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("posts,strategies-fr,") && l.endsWith(",2")), table);

        web.logIn(JEAN);
        assertTrue(web.browser.findElements(By.cssSelector("a[href='/statistics']")).isEmpty(), "no link for a delegate");
        web.browser.get(web.base + "/statistics");
        assertTrue(web.browser.findElements(By.cssSelector("svg#weekly")).isEmpty(), "and no page");
    }

    private Path waitForDownload() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(downloads)) {
                Optional<Path> done = files.filter(p -> p.getFileName().toString().matches("parley-statistics-.*\\.csv"))
                        .findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no CSV downloaded");
    }

    private String cell(String css, int index) {
        return web.browser.findElements(By.cssSelector(css)).get(index).getText();
    }
}
