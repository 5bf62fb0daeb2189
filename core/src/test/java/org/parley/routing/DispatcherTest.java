package org.parley.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.model.Role;
import org.parley.store.Store;
import org.parley.testing.MutableClock;
import org.parley.testing.TestStores;

/** A burst of arrivals routed as a group: taken and finished in one statement each, every outcome its own. */
class DispatcherTest {
    private static final String LIST = "strategies-fr@forum.test";
    @TempDir
    Path dir;
    Forum forum;
    Admin admin;

    @BeforeEach
    void open() {
        Settings settings = TestStores.in(SettingsLoader.defaults().set("parley.data-dir", dir.toString())
                .set("parley.domain", "forum.test").set("parley.secret", "s"), dir).load();
        forum = new Forum(settings, Store.open(settings), new MutableClock(Instant.parse("2026-12-04T09:00:00Z")),
                new SecureRandom());
        admin = new Admin(forum);
        admin.createRoom("strategies", "National IP strategies", List.of("fr"));
        admin.addMember("claire@delegation.test", "Claire", "FR", "fr", Role.DELEGATE, true, false);
        admin.subscribe("claire@delegation.test", List.of("strategies-fr"));
    }

    @AfterEach
    void close() {
        forum.close();
    }

    private long arrival(String from, String messageId) {
        String raw = "From: " + from + "\r\nTo: " + LIST + "\r\nSubject: Rapport " + messageId + "\r\nMessage-ID: <"
                + messageId + "@client.test>\r\nDate: Fri, 4 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n";
        return admin.inject(LIST, raw.getBytes(StandardCharsets.UTF_8)).get(0);
    }

    /** The arrival's state and outcome, as the store keeps them. */
    private String outcome(long arrival) {
        return forum.store().read(tx -> tx.arrivals().outcome(arrival)).orElseThrow();
    }

    @Test
    void eachArrivalOfAGroupKeepsItsOwnOutcome() {
        long first = arrival("claire@delegation.test", "one");
        long stranger = arrival("stranger@elsewhere.test", "two");
        long second = arrival("claire@delegation.test", "three");

        assertEquals(3, forum.dispatcher().dispatchAll(List.of(first, stranger, second)));

        assertTrue(outcome(first).startsWith("DONE accepted: mailing="), outcome(first));
        assertTrue(outcome(second).startsWith("DONE accepted: mailing="), outcome(second));
        assertNotEquals(outcome(first), outcome(second), "each post has its own mailing");
        assertTrue(outcome(stranger).startsWith("DONE held: "), outcome(stranger));
        assertEquals(0, forum.store().read(tx -> tx.arrivals().waiting(10)).size());
    }

    @Test
    void anArrivalOfTheGroupRoutedAlreadyIsLeftAsItWasAndTheOthersAreRouted() {
        long first = arrival("claire@delegation.test", "one");
        long routed = arrival("claire@delegation.test", "two");
        long last = arrival("claire@delegation.test", "three");
        String before = forum.dispatcher().dispatch(routed).orElseThrow();

        assertEquals(2, forum.dispatcher().dispatchAll(List.of(first, routed, last)));

        assertEquals("DONE " + before, outcome(routed), "routed once, its outcome kept");
        assertTrue(outcome(first).startsWith("DONE accepted: mailing="), outcome(first));
        assertTrue(outcome(last).startsWith("DONE accepted: mailing="), outcome(last));
        assertEquals(3, forum.store().read(tx -> tx.archive().after(0, 10)).size(), "each post archived once");
    }
}
