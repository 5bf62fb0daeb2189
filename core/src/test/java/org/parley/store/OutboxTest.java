package org.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.model.Delivery;
import org.parley.model.MailingKind;
import org.parley.model.Member;
import org.parley.model.OutboxSlice;
import org.parley.model.Role;
import org.parley.model.Room;
import org.parley.testing.TestStores;

/** The outbox against a real store: rosters shared by mailings, slices resumed under renewed leases. */
class OutboxTest {
    private static final String LIST = "strategies-fr";
    @TempDir
    Path dir;
    Store store;
    final Instant now = Instant.parse("2026-11-24T09:00:00Z");
    final List<Long> members = new ArrayList<>();

    Settings settings;

    @BeforeEach
    void open() {
        settings = TestStores.in(SettingsLoader.defaults().set("parley.data-dir", dir.toString())
                .set("parley.outbound.slice-size", "3"), dir).load();
        store = Store.open(settings);
        store.run(tx -> {
            tx.rooms().create(new Room("strategies", "Strategies"), List.of("fr"), Map.of(), now);
            for (int i = 0; i < 7; i++) {
                Member m = tx.members().add(new Member(0, "m" + i + "@delegation.test", "M" + i, "FR", "fr",
                        Role.DELEGATE, false), now).orElseThrow();
                tx.members().subscribe(m.id(), LIST, Delivery.EACH, now);
                members.add(m.id());
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Fans a mailing out and returns who it goes to, read back the way a worker claims it. */
    private TreeSet<String> fanOut(Delivery delivery) {
        long mailing = store.write(tx -> {
            long id = tx.outbox().addMailing(MailingKind.LIST_COPY, LIST, new byte[] {'x'}, null, now);
            tx.outbox().fanOut(id, LIST, delivery, now);
            return id;
        });
        Map<Long, TreeSet<String>> to = recipientsByMailing();
        assertTrue(Set.of(mailing).containsAll(to.keySet()), "only this mailing queued");
        return to.getOrDefault(mailing, new TreeSet<>());
    }

    private long count(String sql) throws Exception {
        String url = settings.dbUrl().isEmpty() ? Store.derbyUrl(dir) : settings.dbUrl();
        try (Connection c = DriverManager.getConnection(url, settings.dbUser(), settings.dbPassword());
             ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static TreeSet<String> addresses(int... indexes) {
        TreeSet<String> out = new TreeSet<>();
        for (int i : indexes) {
            out.add("m" + i + "@delegation.test");
        }
        return out;
    }

    @Test
    void mailingsShareTheRosterUntilASubscriptionChangesIt() throws Exception {
        assertEquals(addresses(0, 1, 2, 3, 4, 5, 6), fanOut(Delivery.EACH));
        assertEquals(3, count("SELECT COUNT(*) FROM OUTBOX"), "slices of three: 3 + 3 + 1");
        assertEquals(addresses(0, 1, 2, 3, 4, 5, 6), fanOut(Delivery.EACH));
        assertEquals(1, count("SELECT COUNT(*) FROM ROSTERS"), "the second mailing reused the roster");
        assertEquals(3, count("SELECT COUNT(*) FROM RECIPIENTS"));
        assertEquals(14L, (long) store.read(tx -> tx.outbox().delivered()));

        store.run(tx -> tx.members().unsubscribe(members.get(2), LIST));
        assertEquals(addresses(0, 1, 3, 4, 5, 6), fanOut(Delivery.EACH), "no copy after leaving");

        store.run(tx -> tx.members().subscribe(members.get(4), LIST, Delivery.DIGEST, now));
        assertEquals(addresses(0, 1, 3, 5, 6), fanOut(Delivery.EACH), "a digest reader gets no single posts");
        assertEquals(addresses(4), fanOut(Delivery.DIGEST));

        store.run(tx -> tx.members().subscribe(members.get(2), LIST, Delivery.EACH, now));
        assertEquals(addresses(0, 1, 2, 3, 5, 6), fanOut(Delivery.EACH), "back again");
        store.run(tx -> tx.members().subscribe(members.get(2), LIST, Delivery.EACH, now));
        long rosters = count("SELECT COUNT(*) FROM ROSTERS");
        fanOut(Delivery.EACH);
        assertEquals(rosters, count("SELECT COUNT(*) FROM ROSTERS"), "subscribing as before changes nothing");
    }

    @Test
    void postsToAListInOneTransactionShareItsRosterAndSeeAChangeMadeInItAtOnce() throws Exception {
        List<Long> mailings = store.write(tx -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                if (i == 2) {
                    tx.members().unsubscribe(members.get(2), LIST);
                }
                if (i == 3) {
                    assertEquals(Optional.of(true), tx.bounces().failed(members.get(5), LIST, now, 1,
                            Duration.ofDays(7)).map(Bounces.Scored::stoppedNow), "stopped by a bounce");
                }
                long id = tx.outbox().addMailing(MailingKind.LIST_COPY, LIST, new byte[] {'x'}, null, now);
                tx.outbox().fanOut(id, LIST, Delivery.EACH, now);
                ids.add(id);
            }
            return ids;
        });
        Map<Long, TreeSet<String>> to = recipientsByMailing();
        assertEquals(addresses(0, 1, 2, 3, 4, 5, 6), to.get(mailings.get(0)));
        assertEquals(addresses(0, 1, 2, 3, 4, 5, 6), to.get(mailings.get(1)));
        assertEquals(addresses(0, 1, 3, 4, 5, 6), to.get(mailings.get(2)), "left in the same transaction");
        assertEquals(addresses(0, 1, 3, 4, 6), to.get(mailings.get(3)), "stopped in the same transaction");
        assertEquals(3, count("SELECT COUNT(*) FROM ROSTERS"), "one roster a version, not one a mailing");
    }

    /** Everything queued, claimed and marked sent, by mailing. */
    private Map<Long, TreeSet<String>> recipientsByMailing() {
        Map<Long, TreeSet<String>> to = new HashMap<>();
        Instant later = now.plusSeconds(1);
        while (true) {
            var claim = store.write(tx -> tx.outbox().claim("test", later, later.plusSeconds(60), 100));
            if (claim.count() == 0) {
                return to;
            }
            for (OutboxSlice slice : store.read(tx -> tx.outbox().claimed("test", later, claim))) {
                to.computeIfAbsent(slice.mailingId(), k -> new TreeSet<>()).addAll(slice.recipients());
                store.run(tx -> tx.outbox().progress(slice, "test", slice.recipients().size(),
                        slice.recipients().size(), later, later));
            }
        }
    }

    @Test
    void aListWhoseSubscriptionsChangedHasItsRosterStoredAheadOfItsNextPost() throws Exception {
        assertEquals(List.of(LIST), store.read(tx -> tx.outbox().listsWithStaleRoster()), "never stored yet");
        assertEquals(7, (int) store.write(tx -> tx.outbox().prepareRoster(LIST, now)));
        assertEquals(List.of(), store.read(tx -> tx.outbox().listsWithStaleRoster()));
        assertEquals(addresses(0, 1, 2, 3, 4, 5, 6), fanOut(Delivery.EACH));
        assertEquals(1, count("SELECT COUNT(*) FROM ROSTERS"), "the post found it ready");

        store.run(tx -> tx.members().unsubscribe(members.get(2), LIST));
        assertEquals(List.of(LIST), store.read(tx -> tx.outbox().listsWithStaleRoster()));
        assertEquals(6, (int) store.write(tx -> tx.outbox().prepareRoster(LIST, now)));
        assertEquals(6, (int) store.write(tx -> tx.outbox().prepareRoster(LIST, now)), "up to date: read, not stored");
        assertEquals(2, count("SELECT COUNT(*) FROM ROSTERS"));
        assertEquals(addresses(0, 1, 3, 4, 5, 6), fanOut(Delivery.EACH));
        assertEquals(2, count("SELECT COUNT(*) FROM ROSTERS"));
    }

    @Test
    void workersOfTwoNodesClaimingAtOnceTakeDifferentRowsWithoutWaiting() throws Exception {
        assumeTrue(settings.dbUrl().startsWith("jdbc:postgresql:"), "skipping locked rows is PostgreSQL's");
        store.write(tx -> {
            long id = tx.outbox().addMailing(MailingKind.LIST_COPY, LIST, new byte[] {'x'}, null, now);
            return tx.outbox().fanOut(id, LIST, Delivery.EACH, now);
        });
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // Node A claims one row and keeps its transaction open while node B claims.
            Future<Outbox.Claim> first = other.submit(() -> store.write(tx -> {
                Outbox.Claim c = tx.outbox().claim("a", now, now.plusSeconds(60), 1);
                claimed.countDown();
                try {
                    done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c;
            }));
            assertTrue(claimed.await(10, TimeUnit.SECONDS));
            long started = System.nanoTime();
            Outbox.Claim second = store.write(tx -> tx.outbox().claim("b", now, now.plusSeconds(60), 3));
            long waited = (System.nanoTime() - started) / 1_000_000;
            done.countDown();
            Outbox.Claim a = first.get(10, TimeUnit.SECONDS);
            assertTrue(waited < 2_000, "node B waited " + waited + " ms for node A's claim");
            assertEquals(1, a.count());
            assertEquals(2, second.count(), "B skipped A's row and took the other two");
            List<Long> mine = store.read(tx -> tx.outbox().claimed("a", now, a)).stream().map(OutboxSlice::id).toList();
            List<Long> theirs = store.read(tx -> tx.outbox().claimed("b", now, second)).stream().map(OutboxSlice::id).toList();
            assertEquals(1, mine.size());
            assertEquals(2, theirs.size());
            assertFalse(theirs.contains(mine.get(0)));
        } finally {
            done.countDown();
            other.shutdownNow();
        }
    }

    private boolean take(String owner, Instant at, Instant until) {
        return store.<Boolean>write(tx -> tx.leases().take(Leases.CHORES, owner, at, until));
    }

    @Test
    void aLeaseIsOneOwnersUntilItRunsOutOrIsGivenUp() {
        assertTrue(take("node-a", now, now.plusSeconds(120)));
        assertFalse(take("node-b", now.plusSeconds(60), now.plusSeconds(180)));
        assertTrue(take("node-a", now.plusSeconds(60), now.plusSeconds(180)), "the holder renews");
        assertFalse(take("node-b", now.plusSeconds(170), now.plusSeconds(290)));
        assertTrue(take("node-b", now.plusSeconds(181), now.plusSeconds(300)), "a lease run out is taken over");
        assertEquals("node-b", store.read(tx -> tx.leases().holder(Leases.CHORES)).owner());
        assertEquals(1, (int) store.<Integer>write(tx -> tx.leases().release("node-b")));
        assertTrue(take("node-a", now.plusSeconds(182), now.plusSeconds(300)), "a lease given up is free at once");
    }

    @Test
    void aSliceIsResumedWhereItsLastCommitLeftItAndEachCommitRenewsTheLease() {
        store.write(tx -> {
            long id = tx.outbox().addMailing(MailingKind.LIST_COPY, LIST, new byte[] {'x'}, null, now);
            return tx.outbox().fanOut(id, LIST, Delivery.EACH, now);
        });
        var claim = store.write(tx -> tx.outbox().claim("first", now, now.plusSeconds(60), 1));
        OutboxSlice slice = store.read(tx -> tx.outbox().claimed("first", now, claim)).get(0);
        assertEquals(3, slice.recipients().size());
        Instant later = now.plusSeconds(50);
        assertTrue((boolean) store.write(tx -> tx.outbox().progress(slice, "first", 2, 2, later, later.plusSeconds(60))));

        Instant afterFirstLease = now.plusSeconds(90);
        var second = store.write(tx -> tx.outbox().claim("second", afterFirstLease, afterFirstLease.plusSeconds(60), 3));
        List<Long> taken = store.read(tx -> tx.outbox().claimed("second", afterFirstLease, second)).stream()
                .map(OutboxSlice::id).toList();
        assertFalse(taken.contains(slice.id()), "the renewed lease still holds the slice");

        Instant afterRenewal = later.plusSeconds(61);
        var third = store.write(tx -> tx.outbox().claim("third", afterRenewal, afterRenewal.plusSeconds(60), 3));
        OutboxSlice resumed = store.read(tx -> tx.outbox().claimed("third", afterRenewal, third)).stream()
                .filter(s -> s.id() == slice.id()).findFirst().orElseThrow();
        assertEquals(2, resumed.done(), "a worker that died after its commit is taken over from there");
        assertEquals(slice.recipients(), resumed.recipients());
        assertEquals(5L, (long) store.read(tx -> tx.outbox().pending()));
        Instant stillSending = afterRenewal.plusSeconds(1);
        assertFalse((boolean) store.write(tx -> tx.outbox().progress(slice, "first", 3, 3, stillSending,
                stillSending.plusSeconds(60))), "a worker whose lease was taken over records nothing");
        assertEquals(2, store.read(tx -> tx.outbox().claimed("third", stillSending, third)).stream()
                .filter(s -> s.id() == slice.id()).findFirst().orElseThrow().done(), "the new owner's slice untouched");
        assertTrue((boolean) store.write(tx -> tx.outbox().progress(resumed, "third", 3, 3, stillSending,
                stillSending)));
    }

    @Test
    void aMailingKeepsItsContentWhileACopyIsToBeSentAndDropsItOnceAllAreSent() throws Exception {
        long pending = store.write(tx -> {
            long id = tx.outbox().addMailing(MailingKind.LIST_COPY, LIST, new byte[] {'p'}, null, now);
            tx.outbox().fanOut(id, LIST, Delivery.EACH, now);
            return id;
        });
        Instant later = now.plusSeconds(3600);
        assertEquals(Optional.of(now), store.read(tx -> tx.outbox().oldestDue()), "what /readyz watches");
        assertEquals(0, (int) store.write(tx -> tx.outbox().clearSent(later)), "copies still to send");
        assertEquals(1, count("SELECT COUNT(*) FROM MAILINGS WHERE ID = " + pending + " AND CLEAREDAT IS NULL"));
        Instant sent = now.plusSeconds(1);
        while (true) {
            var claim = store.write(tx -> tx.outbox().claim("test", sent, sent.plusSeconds(60), 100));
            if (claim.count() == 0) {
                break;
            }
            for (OutboxSlice slice : store.read(tx -> tx.outbox().claimed("test", sent, claim))) {
                store.run(tx -> tx.outbox().progress(slice, "test", slice.recipients().size(),
                        slice.recipients().size(), sent, sent));
            }
        }
        assertEquals(0, (int) store.write(tx -> tx.outbox().clearSent(now.plusSeconds(30))), "a minute's margin");
        assertEquals(1, (int) store.write(tx -> tx.outbox().clearSent(later)));
        assertEquals(0, count("SELECT COUNT(*) FROM MAILINGS WHERE CLEAREDAT IS NULL"));
        assertEquals(0, (int) store.write(tx -> tx.outbox().clearSent(later)), "once");
        assertEquals(Optional.empty(), store.read(tx -> tx.outbox().oldestDue()));
    }
}
