package org.parley.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.model.Room;
import org.parley.store.Store;
import org.parley.testing.MutableClock;
import org.parley.testing.TestStores;

/** The lists the listener takes mail for: asked of the store once a minute, not at each RCPT. */
class KnownListsTest {
    private static final String LIST = "strategies-fr";
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
    Settings settings;
    Store store;
    KnownLists lists;

    @BeforeEach
    void open() {
        settings = TestStores.in(SettingsLoader.defaults().set("parley.data-dir", dir.toString()), dir).load();
        store = Store.open(settings);
        lists = new KnownLists(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void createList() {
        store.run(tx -> tx.rooms().create(new Room("strategies", "Strategies"), List.of("fr"), Map.of(), clock.instant()));
    }

    @Test
    void aListFoundIsTakenAsKnownForAMinuteWithoutAskingTheStoreAgain() throws Exception {
        createList();
        assertTrue(lists.exists(LIST));
        // Gone from the store behind the cache's back (nothing in Parley removes a list today).
        String url = settings.dbUrl().isEmpty() ? "jdbc:derby:" + dir.resolve("db").toAbsolutePath() : settings.dbUrl();
        try (Connection c = DriverManager.getConnection(url, settings.dbUser(), settings.dbPassword());
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM LISTS WHERE NAME = '" + LIST + "'");
        }
        clock.advance(Duration.ofSeconds(59));
        assertTrue(lists.exists(LIST), "within the minute, the store is not asked");
        clock.advance(Duration.ofSeconds(2));
        assertFalse(lists.exists(LIST), "after it, the store is asked again");
    }

    @Test
    void anAddressNotKnownIsAskedEachTimeSoThatANewListTakesMailAtOnce() {
        assertFalse(lists.exists(LIST));
        createList();
        assertTrue(lists.exists(LIST), "no minute to wait for a list just created");
        assertFalse(lists.exists("nothing-fr"));
    }
}
