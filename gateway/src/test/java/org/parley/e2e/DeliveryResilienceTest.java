package org.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.e2e.ForumFixture.CLAIRE;
import static org.parley.e2e.ForumFixture.FRENCH_MEMBERS;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.model.CopyKey;
import org.parley.model.Role;
import org.parley.model.Tokens;
import org.parley.relay.OutboundWorker;
import org.parley.relay.Watchdog;
import org.parley.server.Node;
import org.parley.server.Server;
import org.parley.store.Store;
import org.parley.testing.MutableClock;

class DeliveryResilienceTest {
    @TempDir
    Path dir;
    ForumFixture fixture;
    GreenMail relay;
    final Watchdog watchdog = new Watchdog(Duration.ofMillis(100));

    @AfterEach
    void stop() {
        watchdog.close();
        if (fixture != null) {
            fixture.close();
        }
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aRelayThatIsDownIsRetriedWithBackOffAndEveryoneGetsTheirCopyWhenItComesBack() throws Exception {
        fixture = ForumFixture.start(dir);
        int port = fixture.relayPort();
        fixture.relay.stop();

        fixture.post(CLAIRE, "strategies-fr", "Pendant la panne", "Le relais est en panne.");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (deferred() < FRENCH_MEMBERS.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(FRENCH_MEMBERS.size(), deferred(), "every copy deferred after the first attempt");

        fixture.startRelay(port);
        fixture.forum.wakeUps().outbox();
        Thread.sleep(1500);
        assertTrue(fixture.inbox(CLAIRE).isEmpty(), "nothing is retried before its time");

        fixture.clock.advance(Duration.ofSeconds(61));
        fixture.forum.wakeUps().outbox();
        for (String member : FRENCH_MEMBERS) {
            fixture.awaitOne(member, "Pendant la panne");
        }
        fixture.settle();
        assertEquals(0, deferred());
    }

    private long deferred() {
        return fixture.forum.store().read(tx -> tx.outbox().deferred());
    }

    /** A relay of GreenMail, and a forum that sends to it two recipients a slice, leases of 300 s. */
    private SettingsLoader twoBySlice() {
        relay = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        return SettingsLoader.defaults()
                .set("parley.domain", "forum.test").set("parley.data-dir", dir.toString())
                .set("parley.outbound.port", String.valueOf(relay.getSmtp().getPort()))
                .set("parley.outbound.starttls", "none")
                .set("parley.outbound.batch-size", "2").set("parley.outbound.slice-size", "2")
                .set("parley.outbound.lease-seconds", "300").set("parley.secret", "s");
    }

    /** A forum whose copies go to the scripted relay. */
    private SettingsLoader through(ScriptedRelay scripted) {
        return SettingsLoader.defaults()
                .set("parley.domain", "forum.test").set("parley.data-dir", dir.toString())
                .set("parley.outbound.port", String.valueOf(scripted.port())).set("parley.outbound.starttls", "none")
                .set("parley.secret", "s");
    }

    @Test
    void aRestartInTheMiddleOfAFanOutResendsToNoOneAlreadyDelivered() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        Settings settings = twoBySlice().set("parley.outbound.commit-every", "1").load();
        List<String> members = addresses("member", 0, 5);

        Forum first = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        chairPostsToFrenchList(first, members, "Fan-out", "<fanout@client.test>");

        OutboundWorker before = new OutboundWorker(first.store(), settings, first.personalisation(), watchdog, clock, "before");
        assertEquals(2, before.runOnce());
        // A worker that claims a row of two recipients and dies before sending them.
        first.store().write(tx -> tx.outbox().claim("dead", clock.instant(), clock.instant().plusSeconds(300), 1));
        first.close();

        Forum second = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        try {
            OutboundWorker after = new OutboundWorker(second.store(), settings, second.personalisation(), watchdog, clock, "after");
            assertEquals(1, after.runOnce(), "only the row nobody held");
            assertEquals(0, after.runOnce(), "the dead worker's rows wait for its lease to end");
            clock.advance(Duration.ofSeconds(301));
            assertEquals(2, after.runOnce());
            assertEquals(0, after.runOnce());
            assertEquals(5L, (long) second.store().read(tx -> tx.outbox().delivered()));
        } finally {
            second.close();
        }
        assertTrue(relay.waitForIncomingEmail(5000, 5));
        for (String m : members) {
            var user = relay.getUserManager().getUserByEmail(m);
            assertEquals(1, relay.getManagers().getImapHostManager().getInbox(user).getMessageCount(), "copies for " + m);
        }
    }


    @Test
    void aRestartedNodeTakesBackAtOnceWhatItsPreviousProcessHadLeasedButNotWhatAnotherNodeHolds() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        Settings settings = twoBySlice().set("parley.inbound.port", "0").set("parley.web.port", "0").load();
        List<String> members = addresses("member", 0, 5);
        Forum first = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        chairPostsToFrenchList(first, members, "Fan-out", "<lease@client.test>");
        // This node's previous process died holding the first row; another node holds the second.
        first.store().write(tx -> tx.outbox().claim(Node.name(dir) + "/4242/out0", clock.instant(),
                clock.instant().plusSeconds(300), 1));
        first.store().write(tx -> tx.outbox().claim("elsewhere-00000000/7/out0", clock.instant(),
                clock.instant().plusSeconds(300), 1));
        first.close();

        Forum second = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        try (Server server = new Server(second).start((args, stdin, out, err) -> 0)) {
            assertTrue(server.smtpPort() > 0);
            assertTrue(relay.waitForIncomingEmail(10_000, 3), "the free row and the row taken back");
            Thread.sleep(500);
            assertEquals(3, relay.getReceivedMessages().length, "the other node's row waits for its lease");
            assertEquals(3L, (long) second.store().read(tx -> tx.outbox().delivered()));
        }
    }

    @Test
    void aRelayThatGoesSilentIsCutOffAfterTheTimeoutAndTheCopiesWaitForTheirRetry() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        try (ScriptedRelay scripted = new ScriptedRelay()) {
            Settings settings = through(scripted)
                    .set("parley.outbound.timeout-seconds", "1").load();
            List<String> members = List.of("a0@delegation.test", "a1@delegation.test");
            Forum forum = new Forum(settings, Store.open(settings), clock, new SecureRandom());
            try {
                chairPostsToFrenchList(forum, members, "Silence", "<silence@client.test>");
                scripted.silentAfter.set(1); // answers the first transaction, then reads on and says nothing
                OutboundWorker worker = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog, clock, "w");
                long start = System.nanoTime();
                worker.runOnce();
                double seconds = (System.nanoTime() - start) / 1e9;
                assertTrue(seconds >= 0.9 && seconds < 5, "cut off after about the timeout, not hung: " + seconds + " s");
                assertEquals(1L, (long) forum.store().read(tx -> tx.outbox().delivered()),
                        "the first copy went out before the relay fell silent");
                assertEquals(1L, (long) forum.store().read(tx -> tx.outbox().deferred()), "the unanswered copy waits");

                scripted.silentAfter.set(Integer.MAX_VALUE);
                clock.advance(Duration.ofSeconds(61));
                assertEquals(1, worker.runOnce(), "retried on a new connection");
                assertEquals(2L, (long) forum.store().read(tx -> tx.outbox().delivered()));
                for (String m : members) {
                    assertEquals(1, scripted.copiesTo(m).size(), "one copy for " + m);
                }
            } finally {
                forum.close();
            }
        }
    }

    /** A room whose French list has these members, and a post of its chair routed to them. */
    private static void chairPostsToFrenchList(Forum forum, List<String> members, String subject, String messageId) {
        Admin admin = new Admin(forum);
        admin.createRoom("strategies", "National IP strategies", List.of("fr"));
        admin.addMember("chair@delegation.test", "Chair", "", "fr", Role.MODERATOR, false, false);
        subscribeToFrenchList(admin, members);
        chairPosts(admin, forum, subject, messageId);
    }

    /** prefix + from@delegation.test up to, not including, prefix + to@delegation.test. */
    private static List<String> addresses(String prefix, int from, int to) {
        List<String> addresses = new ArrayList<>();
        for (int i = from; i < to; i++) {
            addresses.add(prefix + i + "@delegation.test");
        }
        return addresses;
    }

    private static void subscribeToFrenchList(Admin admin, List<String> members) {
        for (String m : members) {
            admin.addMember(m, "Member", "FR", "fr", Role.DELEGATE, false, false);
            admin.subscribe(m, List.of("strategies-fr"));
        }
    }

    /** The chair's post to the French list, routed now. */
    private static void chairPosts(Admin admin, Forum forum, String subject, String messageId) {
        String post = ForumFixture.message("chair@delegation.test", "strategies-fr@forum.test", subject, messageId,
                "to everyone once");
        long arrival = admin.inject("strategies-fr@forum.test", post.getBytes(StandardCharsets.UTF_8)).get(0);
        forum.dispatcher().dispatch(arrival);
    }

    @Test
    void aClaimTakesRowsWhileTheyHoldLessThanABatchAndGivesTheRestBackAtOnce() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        Settings settings = twoBySlice().set("parley.outbound.batch-size", "3").load();
        Forum forum = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        try {
            chairPostsToFrenchList(forum, List.of("member0@delegation.test"), "Un seul", "<one@client.test>");
            OutboundWorker worker = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog, clock,
                    "worker");
            assertEquals(1, worker.runOnce(), "a row of one recipient");

            Admin admin = new Admin(forum);
            List<String> more = addresses("member", 1, 6);
            subscribeToFrenchList(admin, more);
            chairPosts(admin, forum, "Six", "<six@client.test>");
            // Rows of one made the worker ask for three rows; of these rows of two it keeps two
            // (two recipients before the second, fewer than three) and gives the third back.
            assertEquals(4, worker.runOnce());
            OutboundWorker other = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog, clock,
                    "other");
            assertEquals(2, other.runOnce(), "the row given back is anyone's at once, its lease not run out");
            assertEquals(0, worker.runOnce() + other.runOnce());
            assertEquals(7L, (long) forum.store().read(tx -> tx.outbox().delivered()));
        } finally {
            forum.close();
        }
        assertTrue(relay.waitForIncomingEmail(5000, 7));
    }

    @Test
    void aWorkerWhoseClaimLeavesDueRowsWakesAnotherAndOneThatFoundFewerThanItAskedDoesNot() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        Settings settings = twoBySlice().set("parley.outbound.batch-size", "10").load();
        Forum forum = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        try {
            AtomicInteger woken = new AtomicInteger();
            OutboundWorker worker = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog, clock,
                    "worker", new SimpleMeterRegistry(), woken::incrementAndGet);
            chairPostsToFrenchList(forum, addresses("m", 0, 4), "Deux lignes", "<two@client.test>");
            // It asks for five rows (a batch of ten, slices of two) and finds two: nothing left.
            assertEquals(4, worker.runOnce());
            assertEquals(0, woken.get());

            Admin admin = new Admin(forum);
            List<String> more = addresses("m", 4, 12);
            subscribeToFrenchList(admin, more);
            chairPosts(admin, forum, "Six lignes", "<six-rows@client.test>");
            // Six rows of two: it asks for five and gets them, so there may be more.
            assertEquals(10, worker.runOnce());
            assertEquals(1, woken.get());
            AtomicInteger wokenByOther = new AtomicInteger();
            OutboundWorker other = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog, clock,
                    "other", new SimpleMeterRegistry(), wokenByOther::incrementAndGet);
            assertEquals(2, other.runOnce(), "the row the first left");
            assertEquals(0, wokenByOther.get());
            assertEquals(0, worker.runOnce() + other.runOnce());
            assertEquals(1, woken.get(), "an empty look wakes nobody");
            assertEquals(0, wokenByOther.get());
        } finally {
            forum.close();
        }
        assertTrue(relay.waitForIncomingEmail(5000, 16));
    }

    @Test
    void theProgressOfCopiesTheRelayTookIsCommittedWhileTheNextCopyWaitsForItsAnswer() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        try (ScriptedRelay scripted = new ScriptedRelay()) {
            Settings settings = through(scripted)
                    .set("parley.outbound.slice-size", "5").set("parley.outbound.batch-size", "5")
                    .set("parley.outbound.commit-every", "3").load();
            List<String> members = addresses("member", 0, 5);
            Forum forum = new Forum(settings, Store.open(settings), clock, new SecureRandom());
            try {
                chairPostsToFrenchList(forum, members, "Overlap", "<overlap@client.test>");
                // A crash may resend at most three: the third copy waits for its answer with the
                // first two recorded, the fifth with four; a commit after the answer would come too late.
                scripted.holds.put(3, () -> forum.store().read(tx -> tx.outbox().delivered()) == 2L);
                scripted.holds.put(5, () -> forum.store().read(tx -> tx.outbox().delivered()) == 4L);

                OutboundWorker worker = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog,
                        clock, "w");
                assertEquals(5, worker.runOnce());
                assertEquals(0, scripted.heldInVain.get(), "an answer waited for progress that was not committed");
                assertEquals(5, scripted.copies.size());
                assertEquals(5L, (long) forum.store().read(tx -> tx.outbox().delivered()));
                assertEquals(0L, (long) forum.store().read(tx -> tx.outbox().pending()));
            } finally {
                forum.close();
            }
        }
    }

    /** The chair's post routed to five members, one slice, leased for a minute, commit-every far off. */
    private Forum fiveCopiesUnderALeaseOfAMinute(ScriptedRelay scripted, MutableClock clock, String name) {
        Settings settings = through(scripted)
                .set("parley.outbound.slice-size", "5").set("parley.outbound.batch-size", "5")
                .set("parley.outbound.commit-every", "100").set("parley.outbound.lease-seconds", "60").load();
        Forum forum = new Forum(settings, Store.open(settings), clock, new SecureRandom());
        chairPostsToFrenchList(forum, addresses("member", 0, 5), name, "<" + name + "@client.test>");
        return forum;
    }

    @Test
    void aSlowRelayDoesNotLetTheLeaseRunOutForProgressIsCommittedOnceHalfOfItIsGone() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        try (ScriptedRelay scripted = new ScriptedRelay()) {
            Forum forum = fiveCopiesUnderALeaseOfAMinute(scripted, clock, "slow");
            try {
                // The second copy takes 40 s of a 60 s lease: the third goes out with the first
                // two committed and the lease renewed, though commit-every is far off.
                scripted.holds.put(2, () -> {
                    clock.advance(Duration.ofSeconds(40));
                    return true;
                });
                scripted.holds.put(3, () -> forum.store().read(tx -> tx.outbox().delivered()) == 2L);
                OutboundWorker worker = new OutboundWorker(forum.store(), forum.settings(), forum.personalisation(),
                        watchdog, clock, "w");
                assertEquals(5, worker.runOnce());
                assertEquals(0, scripted.heldInVain.get(), "the third copy waited for a renewal that did not come");
                assertEquals(5, scripted.copies.size());
                assertEquals(0L, (long) forum.store().read(tx -> tx.outbox().pending()));
            } finally {
                forum.close();
            }
        }
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverStopsSendingAndLeavesTheSliceToItsNewHolder() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        try (ScriptedRelay scripted = new ScriptedRelay()) {
            Forum forum = fiveCopiesUnderALeaseOfAMinute(scripted, clock, "stalled");
            try {
                // The worker stalls past its lease (a pause, a relay that hangs) and another takes the slice.
                AtomicInteger takenOver = new AtomicInteger();
                scripted.holds.put(2, () -> {
                    clock.advance(Duration.ofSeconds(61));
                    takenOver.set(forum.store().write(tx -> tx.outbox().claim("other", clock.instant(),
                            clock.instant().plusSeconds(1), 1)).count());
                    return true;
                });
                OutboundWorker stalled = new OutboundWorker(forum.store(), forum.settings(), forum.personalisation(),
                        watchdog, clock, "stalled");
                assertEquals(0, stalled.runOnce(), "nothing recorded for a slice another worker holds");
                assertEquals(1, takenOver.get());
                assertEquals(3, scripted.copies.size(), "the copy in flight went; none after it");
                assertEquals(0L, (long) forum.store().read(tx -> tx.outbox().delivered()));

                clock.advance(Duration.ofSeconds(2)); // the other worker died too: a third takes the slice over
                OutboundWorker third = new OutboundWorker(forum.store(), forum.settings(), forum.personalisation(),
                        watchdog, clock, "third");
                assertEquals(5, third.runOnce());
                assertEquals(8, scripted.copies.size(), "three copies twice: those since the last commit");
                assertEquals(5L, (long) forum.store().read(tx -> tx.outbox().delivered()));
                assertEquals(0L, (long) forum.store().read(tx -> tx.outbox().pending()));
            } finally {
                forum.close();
            }
        }
    }

    @Test
    void aRecipientTheRelayRefusesLeavesTheSliceTheOthersGetOneCopyAndBouncesAndUnsubscribeLinksNameTheirCopy()
            throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        try (ScriptedRelay scripted = new ScriptedRelay()) {
            Settings settings = through(scripted)
                    .set("parley.outbound.slice-size", "3").set("parley.outbound.batch-size", "6")
                    .set("parley.outbound.commit-every", "2").load();
            List<String> members = List.of("a0@delegation.test", "unknown1@delegation.test", "a2@delegation.test",
                    "full3@delegation.test", "a4@delegation.test");
            scripted.refusals.put("unknown1@delegation.test", "550 5.1.1 no such mailbox");
            scripted.refusals.put("full3@delegation.test", "452 4.2.2 mailbox full");
            Forum forum = new Forum(settings, Store.open(settings), clock, new SecureRandom());
            try {
                chairPostsToFrenchList(forum, members, "Refusals", "<refusals@client.test>");

                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                OutboundWorker worker = new OutboundWorker(forum.store(), settings, forum.personalisation(), watchdog, clock,
                        "w", meters, () -> { });
                assertEquals(5, worker.runOnce(), "both slices, five recipients");
                for (String m : List.of("a0@delegation.test", "a2@delegation.test", "a4@delegation.test")) {
                    assertEquals(1, scripted.copiesTo(m).size(), "one copy for " + m);
                }
                assertEquals(3L, (long) forum.store().read(tx -> tx.outbox().delivered()));
                assertEquals(1L, (long) forum.store().read(tx -> tx.outbox().failed()), "550 is given up at once");
                assertEquals(1L, (long) forum.store().read(tx -> tx.outbox().deferred()), "452 waits for a retry");
                assertEquals(List.of(3.0, 1.0, 1.0), deliveries(meters), "sent, permanent, temporary");
                assertEquals(0, worker.runOnce(), "nothing is retried before its time");

                scripted.refusals.remove("full3@delegation.test");
                clock.advance(Duration.ofSeconds(61));
                assertEquals(1, worker.runOnce(), "only the deferred recipient");
                assertEquals(1, scripted.copiesTo("full3@delegation.test").size());
                assertEquals(4L, (long) forum.store().read(tx -> tx.outbox().delivered()));
                assertEquals(0L, (long) forum.store().read(tx -> tx.outbox().pending()));
                assertEquals(4, scripted.copies.size(), "nobody got a second copy, the unknown mailbox none");
                assertEquals(List.of(4.0, 1.0, 1.0), deliveries(meters), "each copy counted once, when committed");
                // Within a slice, a message carries the next copy's envelope behind it, refused or not.
                assertTrue(scripted.envelopesAhead.get() >= 1, "no envelope rode behind a message");

                // Each copy's bounce address and unsubscribe link name that very copy, whether it
                // went out from its slice or from the row of its retry.
                for (ScriptedRelay.Copy copy : scripted.copies) {
                    var bounce = Pattern.compile("\\+([a-z2-7]+)@").matcher(copy.mailFrom());
                    assertTrue(bounce.find(), copy.mailFrom());
                    var check = forum.tokens().check(Tokens.Purpose.BOUNCE, bounce.group(1),
                            clock.instant());
                    long key = ((Tokens.Check.Valid) check).subject();
                    assertEquals(copy.recipient(), forum.store().read(tx -> tx.outbox().recipient(
                            CopyKey.of(key))).orElseThrow());
                    var link = Pattern.compile("/unsubscribe/([a-z2-7]+)>").matcher(copy.data());
                    assertTrue(link.find(), "a one-click link in the copy to " + copy.recipient());
                    long unsubscribe = ((Tokens.Check.Valid) forum.tokens().check(
                            Tokens.Purpose.UNSUBSCRIBE, link.group(1), clock.instant())).subject();
                    String[] target = forum.store().read(tx -> tx.outbox().listAndRecipient(
                            CopyKey.of(unsubscribe))).orElseThrow();
                    assertEquals("strategies-fr", target[0]);
                    assertEquals(copy.recipient(), target[1]);
                }
            } finally {
                forum.close();
            }
        }
    }

    /** The worker's copies counted as sent, permanent and temporary. */
    private static List<Double> deliveries(SimpleMeterRegistry meters) {
        return List.of("sent", "permanent", "temporary").stream()
                .map(result -> meters.counter("parley.deliveries", "result", result).count()).toList();
    }
}
