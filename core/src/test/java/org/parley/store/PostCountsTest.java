package org.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.SettingsLoader;
import org.parley.model.ArchivedMessage;
import org.parley.testing.TestStores;

/** The day counts the statistics read: every post archived counted once, however many a transaction archives. */
class PostCountsTest {
    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path dir;
    Store store;
    int posts;

    @BeforeEach
    void open() {
        store = Store.open(TestStores.in(SettingsLoader.defaults().set("parley.data-dir", dir.toString()), dir).load());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void archive(Tx tx, String list, String delegation, Instant at) {
        int n = ++posts;
        tx.archive().add(new ArchivedMessage(0, n, list, "<p" + n + "@x.test>", "h" + n, "a@x.test", "A", delegation,
                "Post " + n, at, at, 0, null, null, Optional.empty()), "body", "post " + n, "c" + n, List.of());
    }

    /** The posts archived on one day, by list and delegation. */
    private Map<String, Long> on(Instant day) {
        return store.read(tx -> tx.aggregates().posts(day, day.plus(Duration.ofHours(1)))).stream()
                .collect(Collectors.toMap(p -> p.list() + "/" + p.delegation(), Aggregates.Posts::count));
    }

    @Test
    void postsArchivedTogetherAreEachCountedOnTheirDayListAndDelegation() {
        store.run(tx -> {
            archive(tx, "plan-en", "FR", MONDAY);
            archive(tx, "plan-en", "FR", MONDAY.plusSeconds(60));
            archive(tx, "plan-en", "GB", MONDAY.plusSeconds(120));
            archive(tx, "plan-fr", "FR", MONDAY.plusSeconds(180));
            archive(tx, "plan-en", "FR", MONDAY.plus(Duration.ofDays(1)));
            tx.letGoOfRows(); // as the routing worker does between the posts of a group
            archive(tx, "plan-en", "", MONDAY.plusSeconds(240));
        });
        store.run(tx -> {
            archive(tx, "plan-en", "FR", MONDAY.plusSeconds(300));
            archive(tx, "plan-en", "FR", MONDAY.plusSeconds(360));
        });

        assertEquals(Map.of("plan-en/FR", 4L, "plan-en/GB", 1L, "plan-fr/FR", 1L, "plan-en/", 1L), on(MONDAY));
        assertEquals(Map.of("plan-en/FR", 1L), on(MONDAY.plus(Duration.ofDays(1))));
    }

    @Test
    void postsOfATransactionRolledBackAreNotCounted() {
        store.run(tx -> archive(tx, "plan-en", "FR", MONDAY));
        assertThrows(IllegalStateException.class, () -> store.run(tx -> {
            archive(tx, "plan-en", "FR", MONDAY);
            archive(tx, "plan-en", "GB", MONDAY);
            throw new IllegalStateException("the routing of this group failed");
        }));

        assertEquals(Map.of("plan-en/FR", 1L), on(MONDAY));
        assertEquals(1L, (long) store.read(tx -> tx.archive().count()));
    }
}
