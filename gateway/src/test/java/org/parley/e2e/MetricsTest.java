package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator's Prometheus scrapes, after a post, a held message and a page or two. */
class MetricsTest {
    @TempDir
    Path dir;
    ForumFixture forum;

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + forum.server.metricsPort() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        return r.body();
    }

    @Test
    void arrivalsDeliveriesHeldOutboxPagesAndTheJvmAreScraped() throws Exception {
        forum = ForumFixture.start(dir, loader -> loader.set("parley.metrics.port", "0"));
        assertTrue(forum.post(ForumFixture.CLAIRE, "strategies-fr", "Mesurée", "Bonjour.").ok());
        forum.awaitOne(ForumFixture.JEAN, "Mesurée");
        assertTrue(forum.post(ForumFixture.JEAN, "strategies-fr", "Retenue", "Bonjour.").ok()); // not trusted: held
        WebClient web = new WebClient(forum.server.webPort());
        web.get("/login");
        web.get("/login");
        assertEquals(404, web.get("/metrics").statusCode(), "never on the members' port");

        long deadline = System.nanoTime() + 20_000_000_000L;
        String text = scrape();
        while (!text.contains("parley_arrivals_total{outcome=\"held\"} 1.0")) {
            assertTrue(System.nanoTime() < deadline, text);
            Thread.sleep(100);
            text = scrape();
        }
        for (String line : new String[] {
            "parley_arrivals_total{outcome=\"accepted\"} 1.0",
            "parley_held_messages 1.0",
            "parley_outbox_pending_copies ",
            "parley_outbox_oldest_due_age_seconds ",
            "parley_held_oldest_age_seconds ",
            "parley_web_requests_seconds_count{method=\"GET\",route=\"/login\",status=\"2xx\"} 2",
            "jvm_memory_used_bytes{",
            "jvm_threads_live_threads ",
            "process_uptime_seconds "}) {
            assertTrue(text.contains(line), line + " in:\n" + text);
        }
        assertTrue(text.matches("(?s).*parley_deliveries_total\\{result=\"sent\"} [1-9].*"), text);
    }
}
