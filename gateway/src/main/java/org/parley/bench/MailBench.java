package org.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.demo.SmtpSubmission;
import org.parley.demo.SmtpSubmissionText;
import org.parley.dkim.DkimKey;
import org.parley.model.Delivery;
import org.parley.model.Member;
import org.parley.model.Role;
import org.parley.model.Room;
import org.parley.relay.SmtpReply;
import org.parley.store.Store;

/**
 * The mail path, measured end to end: posts over SMTP to the real listener from trusted
 * members, routed, archived and fanned out through the real outbound workers to a sink.
 */
public final class MailBench {
    private static final int BARE_ROUNDS = 2;
    /** Posts to the list of two in a round of the routing part's warm-up. */
    private static final int WARM_UP_ROUND = 1_000;
    /** The warm-up's limits, for a machine whose compiler never falls quiet. */
    private static final int MAX_WARM_UP_ROUNDS = 40;
    /** Message-IDs a reply's References keeps at most, the latest ones, as mail clients trim a long chain. */
    private static final int MAX_REFERENCES = 10;
    private static final long MAX_WARM_UP_SECONDS = 180;
    /**
     * What to run: members of the list, posts (and warm-up posts), posting clients, outbound
     * workers; the DKIM keys that sign the copies (none, ed25519, rsa) and which copies' own
     * unsubscribe link is signed too (one in ten members is at a mailbox provider's domain); the
     * java command that starts Parley's main class (the server runs in a JVM of its own) and
     * the JVM options the server gets.
     */
    public record Options(int members, int posts, int warmUp, int clients, int workers, double replyFraction,
                          long timeoutSeconds, List<DkimKey.Algorithm> dkim, Settings.LinkSigning links,
                          int routedPosts, int largeMembers, int welcomes, BenchDatabase db, List<String> launcher,
                          String serverJavaOptions) {
        /** How the copies are signed, as the report says it. */
        public String signing() {
            return dkim.isEmpty() ? "unsigned" : "signed " + dkim.stream().map(a -> a.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining("+")) + ", links signed: " + links.name().toLowerCase(Locale.ROOT);
        }
    }

    record Result(String signing, int members, int posts, int warmUp, int workers, double acceptedPerSecond, Stats accept, double deliveriesPerSecond,
                  long deliveries, double bareDeliveriesPerSecond, double bareBesideSinkPerSecond,
                  Stats postToLastDelivery, double singleFanOutSeconds,
                  double setupSeconds, String database, Routing routing, Large large, Welcomes welcomes,
                  ServerJvm serverJvm) {
        double ratio() {
            return bareDeliveriesPerSecond == 0 ? 0 : deliveriesPerSecond / bareDeliveriesPerSecond;
        }
    }

    private record Post(String messageId, byte[] raw, String from, String to) {
    }

    /**
     * Posts in, not copies out: posts to a list of two members, accepted per second and routed
     * per second (accepted, archived, copies queued: the last routed after the first sent), once
     * the server's JIT is warm; and the warm-up, in rounds of {@code round} posts.
     */
    record Routing(int posts, double acceptedPerSecond, double routedPerSecond, int round, WarmUp.Outcome warmUp) {
        long warmUpPosts() {
            return (long) warmUp.rounds() * round;
        }

        /** Posts routed a second with the JIT cold: the warm-up's first round, or the measured posts without one. */
        double coldRoutedPerSecond() {
            return warmUp.rounds() == 0 ? routedPerSecond : round / Math.max(1e-9, warmUp.firstRoundSeconds());
        }
    }

    /**
     * Mail to one member at a time: members imported over the running server's admin channel,
     * each sent a welcome of their own (a mailing of one recipient, as notices and digests are);
     * per second from the start of the import to the last welcome at the sink.
     */
    record Welcomes(int members, double importSeconds, double sentPerSecond) {
    }

    /** The server's JVM: the options it ran with and its memory peaks. */
    record ServerJvm(String javaOptions, Report.Memory memory) {
    }

    /** One post to a list of many members: acceptance to the last copy, and copies per second. */
    record Large(int members, double fanOutSeconds, double deliveriesPerSecond, double seedSeconds) {
    }

    private MailBench() {
    }

    static Result run(Path dir, Options o, Progress progress) throws Exception {
        try (SmtpSink sink = new SmtpSink()) {
            List<String> selectors = new ArrayList<>();
            for (DkimKey.Algorithm algorithm : o.dkim()) {
                String selector = "bench-" + algorithm.name().toLowerCase(Locale.ROOT);
                if (!Files.exists(DkimKey.file(dir, selector))) {
                    DkimKey.generate(dir, selector, algorithm);
                }
                selectors.add(selector);
            }
            SettingsLoader loader = o.db().apply(SettingsLoader.defaults(), "mail")
                    .set("parley.dkim.selectors", String.join(",", selectors))
                    .set("parley.dkim.sign-unsubscribe", o.links().name())
                    .set("parley.dmarc.rewrite-from", "never") // the bench's domains publish nothing; no DNS
                    .set("parley.domain", "bench.test").set("parley.data-dir", dir.toString())
                    .set("parley.languages", "en")
                    .set("parley.outbound.host", "127.0.0.1").set("parley.outbound.port", String.valueOf(sink.port()))
                    .set("parley.outbound.starttls", "none")
                    .set("parley.outbound.workers", String.valueOf(o.workers()))
                    .set("parley.secret", "bench-secret");
            Settings settings = loader.load();
            // Every list and member is there before the server starts: the embedded store is
            // one process's at a time, and the server's JVM is to hold the server alone.
            long setupStart = System.nanoTime();
            double largeSeed;
            try (Forum forum = new Forum(settings, Store.open(settings), Clock.systemUTC(), new SecureRandom())) {
                seed(forum, o.members(), progress);
                if (o.routedPosts() > 0) {
                    seedPair(forum);
                }
                long largeStart = System.nanoTime();
                if (o.largeMembers() > 0) {
                    seedLarge(forum, o, progress);
                }
                largeSeed = seconds(System.nanoTime() - largeStart);
            }
            double setup = seconds(System.nanoTime() - setupStart);
            Report.Memory serverMemory;
            double acceptedPerSecond;
            List<Double> acceptMillis;
            List<Double> toLast = new ArrayList<>();
            long deliveries;
            double deliveriesPerSecond;
            double singleFanOut;
            Routing routing;
            Large large;
            Welcomes welcomes;
            byte[] copy;
            try (ServerProcess server = ServerProcess.start(dir, loader, o.launcher(), o.serverJavaOptions(), "all")) {
                if (o.warmUp() > 0) {
                    // Posts like the measured ones, so that the replies' path is compiled too.
                    List<Post> warmUp = posts(o.warmUp(), Math.min(o.members(), 100), o.replyFraction());
                    send(server.smtpPort(), warmUp, new long[warmUp.size()], o.clients(), null);
                    await(sink, (long) o.warmUp() * o.members(), o.timeoutSeconds(), progress, "warming up");
                    o.db().analyze();
                    sink.reset();
                }
                List<Post> posts = posts(o.posts(), Math.min(o.members(), 100), o.replyFraction());
                long[] accepted = new long[posts.size()];
                // The bare client sends a copy as Parley sent it, per-copy headers and all; the
                // stored mailing would not do (its content is dropped a minute after it is sent).
                sink.captureNext();
                long sendStart = System.nanoTime();
                acceptMillis = send(server.smtpPort(), posts, accepted, o.clients(), progress);
                long lastAccepted = Arrays.stream(accepted).max().orElse(0);
                long expected = (long) posts.size() * o.members();
                await(sink, expected, o.timeoutSeconds(), progress, "delivering");
                acceptedPerSecond = posts.size() / Math.max(1e-9, seconds(lastAccepted - sendStart));
                for (int i = 0; i < posts.size(); i++) {
                    SmtpSink.Tally t = sink.tallies().get(posts.get(i).messageId());
                    if (t != null) {
                        toLast.add((t.lastNanos - accepted[i]) / 1e6);
                    }
                }
                deliveries = sink.delivered();
                copy = sink.captured();
                if (copy == null) {
                    throw new IllegalStateException("the sink kept no copy of the measured posts");
                }
                deliveriesPerSecond = between(deliveries, sink.firstNanos(), sink.lastNanos());

                sink.reset();
                List<Post> single = posts(1, 1, 0);
                long[] singleAccepted = new long[1];
                send(server.smtpPort(), single, singleAccepted, 1, null);
                await(sink, o.members(), o.timeoutSeconds(), progress, "single fan-out");
                singleFanOut = seconds(sink.lastNanos() - singleAccepted[0]);
                routing = o.routedPosts() > 0 ? routing(server, sink, o, progress) : null;
                large = o.largeMembers() > 0 ? large(server, sink, o, largeSeed, progress) : null;
                welcomes = o.welcomes() > 0 ? welcomes(server, sink, dir, o, progress) : null;
                serverMemory = server.stop();
            }

            sink.reset();
            // As many copies as Parley delivered, in rounds, over as many connections as Parley's
            // outbound workers: the same concurrency, no store, no work. The limit is the best the
            // machine allows: the faster of two rounds of half the copies each, so that a moment of
            // noise on a shared machine does not pass for it. The yardstick runs in a JVM of its
            // own, as the server does; then, for comparison, in the bench's, beside the sink.
            long bareCopies = Math.max(1, deliveries / BARE_ROUNDS);
            long bareWarmUp = Math.min((long) o.warmUp() * o.members(), bareCopies);
            int connections = settings.outbound().workers();
            progress.update("bare client, a JVM of its own", 0, bareCopies);
            double bare = 0;
            for (long nanos : BareClient.inOwnJvm(o.launcher(), dir, sink.port(), copy, bareWarmUp, bareCopies,
                    BARE_ROUNDS, connections)) {
                bare = Math.max(bare, bareCopies / seconds(nanos));
            }
            sink.reset();
            if (bareWarmUp > 0) {
                progress.update("bare client beside the sink, warming up", 0, bareCopies);
                BareClient.send(sink.port(), copy, bareWarmUp, connections);
            }
            double bareBesideSink = 0;
            for (int round = 1; round <= BARE_ROUNDS; round++) {
                progress.update("bare client beside the sink, round " + round, 0, bareCopies);
                bareBesideSink = Math.max(bareBesideSink,
                        bareCopies / seconds(BareClient.send(sink.port(), copy, bareCopies, connections)));
            }
            return new Result(o.signing(), o.members(), o.posts(), o.warmUp(), o.workers(), acceptedPerSecond, Stats.of(acceptMillis), deliveriesPerSecond,
                    deliveries, bare, bareBesideSink, Stats.of(toLast), singleFanOut, setup, o.db().describe(), routing,
                    large, welcomes, new ServerJvm(o.serverJavaOptions(), serverMemory));
        }
    }

    /** The list of two that the routing part posts to. */
    private static void seedPair(Forum forum) {
        new Admin(forum).createRoom("pair", "Two members", List.of("en"));
        forum.store().run(tx -> {
            for (int i = 0; i < 2; i++) {
                long id = tx.members().find(address(i)).orElseThrow().id();
                tx.members().subscribe(id, new Room("pair", "x").listName("en"), Delivery.EACH, forum.clock().instant());
            }
        });
    }

    /** Posts to a list of two: how fast they are taken in and routed, with next to no copies to send. */
    private static Routing routing(ServerProcess server, SmtpSink sink, Options o, Progress progress) throws Exception {
        sink.reset();
        // The routing path runs code the fan-out parts never did (threading, archiving, the
        // index): it is measured once the server's JIT has compiled it, as a server runs it for
        // days, after rounds of posts like the measured ones until the compiler is quiet.
        int round = Math.max(1, Math.min(WARM_UP_ROUND, o.routedPosts() / 2));
        WarmUp.Outcome warmUp = o.warmUp() == 0 ? WarmUp.Outcome.NONE : WarmUp.untilQuiet(server, () -> {
            long before = server.routed();
            List<Post> posts = pairPosts(round);
            send(server.smtpPort(), posts, new long[posts.size()], o.clients(), progress);
            awaitRouted(server, before + posts.size(), o, progress);
        }, MAX_WARM_UP_ROUNDS, Math.min(MAX_WARM_UP_SECONDS, o.timeoutSeconds()));
        if (o.warmUp() > 0) {
            o.db().analyze();
        }
        long before = server.routed();
        List<Post> posts = pairPosts(o.routedPosts());
        long[] accepted = new long[posts.size()];
        long start = System.nanoTime();
        send(server.smtpPort(), posts, accepted, o.clients(), progress);
        double acceptedPerSecond = posts.size() / Math.max(1e-9, seconds(Arrays.stream(accepted).max().orElse(start) - start));
        awaitRouted(server, before + posts.size(), o, progress);
        double routedPerSecond = posts.size() / Math.max(1e-9, seconds(System.nanoTime() - start));
        Routing routing = new Routing(posts.size(), acceptedPerSecond, routedPerSecond, round, warmUp);
        // Their copies out of the way before the next part counts its own.
        await(sink, 2L * (routing.warmUpPosts() + posts.size()), o.timeoutSeconds(), progress,
                "copies to the list of two");
        return routing;
    }

    private static List<Post> pairPosts(int count) {
        List<Post> out = new ArrayList<>();
        for (Post p : posts(count, 2, 0.25)) {
            out.add(new Post(p.messageId(), p.raw(), p.from(), "pair-en@bench.test"));
        }
        return out;
    }

    /** Waits until the server has routed {@code count} arrivals since it started. */
    private static void awaitRouted(ServerProcess server, long count, Options o, Progress progress) throws Exception {
        long deadline = System.nanoTime() + o.timeoutSeconds() * 1_000_000_000L;
        long routed;
        while ((routed = server.routed()) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("routing: " + (count - routed) + " arrivals still waiting after "
                        + o.timeoutSeconds() + " s");
            }
            progress.update("routing", routed, count);
            // Each look is a scrape of the server being measured: a few a second (a run lasts
            // tens of seconds), not twenty.
            Thread.sleep(200);
        }
    }

    /** The members of a second list, which gets one post after the measured ones. */
    private static void seedLarge(Forum forum, Options o, Progress progress) {
        new Admin(forum).createRoom("large", "Large list", List.of("en"));
        String list = new Room("large", "x").listName("en");
        int chunk = 100; // EclipseLink compares every object of a transaction at each flush: small ones
        for (int from = 0; from < o.largeMembers(); from += chunk) {
            int start = from;
            int end = Math.min(o.largeMembers(), from + chunk);
            forum.store().run(tx -> {
                for (int i = start; i < end; i++) {
                    Member m = i < o.members() ? tx.members().find(address(i)).orElseThrow()
                            : tx.members().add(new Member(0, address(i), "Member " + i, "C" + (i % 190), "en",
                                    Role.DELEGATE, false), forum.clock().instant()).orElseThrow();
                    tx.members().subscribe(m.id(), list, Delivery.EACH, forum.clock().instant());
                }
            });
            progress.update("adding members of the large list", end, o.largeMembers());
        }
    }

    /** One post to the large list, after the measured ones. */
    private static Large large(ServerProcess server, SmtpSink sink, Options o, double seed, Progress progress)
            throws Exception {
        String list = new Room("large", "x").listName("en");
        sink.reset();
        List<Post> one = new ArrayList<>();
        for (Post p : posts(1, 1, 0)) {
            one.add(new Post(p.messageId(), p.raw(), p.from(), list + "@bench.test"));
        }
        long[] accepted = new long[1];
        send(server.smtpPort(), one, accepted, 1, null);
        await(sink, o.largeMembers(), o.timeoutSeconds(), progress, "large fan-out");
        // This post's own copies, whatever else the sink took meanwhile.
        SmtpSink.Tally copies = sink.tallies().get(one.get(0).messageId());
        double fanOut = seconds(copies.lastNanos - accepted[0]);
        double rate = between(copies.copies.get(), copies.firstNanos, copies.lastNanos);
        return new Large(o.largeMembers(), fanOut, rate, seed);
    }

    /** Imports o.welcomes() new members into the bench's list and waits for every welcome. */
    private static Welcomes welcomes(ServerProcess server, SmtpSink sink, Path dir, Options o, Progress progress)
            throws Exception {
        String[] states = Locale.getISOCountries();
        StringBuilder csv = new StringBuilder("email,name,delegation,language,role,rooms\n");
        for (int i = 0; i < o.welcomes(); i++) {
            csv.append("newcomer").append(i).append("@delegation").append(i % 190).append(".test,Newcomer ").append(i)
                    .append(',').append(states[i % states.length]).append(",en,delegate,bench\n");
        }
        Path file = dir.resolve("newcomers.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        sink.reset();
        long start = System.nanoTime();
        server.run(List.of("member", "import", file.toString()));
        double imported = seconds(System.nanoTime() - start);
        await(sink, o.welcomes(), o.timeoutSeconds(), progress, "welcomes");
        return new Welcomes(o.welcomes(), imported, o.welcomes() / Math.max(1e-9, seconds(sink.lastNanos() - start)));
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * Copies a second from the first copy's arrival to the last's: the gaps between them,
     * count - 1; none to measure with fewer than two (one copy once read as a billion a second).
     */
    static double between(long count, long firstNanos, long lastNanos) {
        return count < 2 || lastNanos <= firstNanos ? 0 : (count - 1) / seconds(lastNanos - firstNanos);
    }

    /** Most delegates write from their ministry's domain; one in ten from a mailbox provider's. */
    private static String address(int member) {
        return "member" + member + "@" + (member % 10 == 9 ? "gmail.com" : "delegation" + (member % 190) + ".test");
    }

    private static void seed(Forum forum, int members, Progress progress) {
        Admin admin = new Admin(forum);
        admin.createRoom("bench", "Benchmark room", List.of("en"));
        int chunk = 100; // EclipseLink compares every object of a transaction at each flush: small ones
        for (int from = 0; from < members; from += chunk) {
            int start = from;
            int end = Math.min(members, from + chunk);
            forum.store().run(tx -> {
                for (int i = start; i < end; i++) {
                    Member m = tx.members().add(new Member(0, address(i),
                            "Member " + i, "C" + (i % 190), "en", Role.DELEGATE, i < 100), forum.clock().instant()).orElseThrow();
                    tx.members().subscribe(m.id(), new Room("bench", "x").listName("en"), Delivery.EACH, forum.clock().instant());
                }
            });
            progress.update("adding members", end, members);
        }
    }

    private static List<Post> posts(int count, int posters, double replyFraction) {
        Random random = new Random(42);
        List<Post> out = new ArrayList<>();
        // Each post's References, as a reply to it would carry them on: its own and its id.
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "<bench-" + i + "-" + System.nanoTime() + "@delegation.test>";
            int poster = random.nextInt(Math.max(1, posters));
            String from = address(poster);
            boolean reply = i > 0 && random.nextDouble() < replyFraction;
            int parentIndex = reply ? random.nextInt(out.size()) : -1;
            String parent = reply ? out.get(parentIndex).messageId() : "";
            String references = reply ? chains.get(parentIndex) : "";
            chains.add(lastIds((references.isEmpty() ? "" : references + " ") + id, MAX_REFERENCES));
            String subject = (reply ? "Re: " : "") + Texts.subject(random, i);
            // Dated, as every mail client dates what it sends.
            String raw = "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
                    + "\r\nFrom: Member " + poster + " <" + from + ">\r\nTo: bench-en@bench.test\r\nSubject: "
                    + SmtpSubmissionText.encode(subject) + "\r\nMessage-ID: " + id + "\r\n"
                    + (reply ? "In-Reply-To: " + parent + "\r\nReferences: " + references + "\r\n" : "")
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + Texts.body(random, 2000, 8000);
            out.add(new Post(id, raw.getBytes(StandardCharsets.UTF_8), from, "bench-en@bench.test"));
        }
        return out;
    }

    /** The last few ids of a References chain, as mail clients trim a long one. */
    private static String lastIds(String chain, int max) {
        String[] ids = chain.split(" ");
        return String.join(" ", Arrays.asList(ids).subList(Math.max(0, ids.length - max), ids.length));
    }

    /** Sends every post over clients connections; fills accepted[i] with the nanoTime of its 250. */
    private static List<Double> send(int port, List<Post> posts, long[] accepted, int clients, Progress progress)
            throws InterruptedException {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < posts.size(); i++) {
            queue.add(i);
        }
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (SmtpSubmission smtp = SmtpSubmission.connect("127.0.0.1", port, false)) {
                    Integer i;
                    while ((i = queue.poll()) != null) {
                        Post p = posts.get(i);
                        long start = System.nanoTime();
                        SmtpReply reply = smtp.send(p.from(), List.of(p.to()), p.raw()).get(0);
                        long end = System.nanoTime();
                        if (!reply.ok()) {
                            throw new IllegalStateException("post refused: " + reply.code() + " " + reply.text());
                        }
                        accepted[i] = end;
                        latencies.add((end - start) / 1e6);
                        if (progress != null) {
                            progress.update("posting", done.incrementAndGet(), posts.size());
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("posting failed: " + e.getMessage(), e);
                }
            }, "bench-client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return latencies;
    }

    private static void await(SmtpSink sink, long expected, long timeoutSeconds, Progress progress, String label)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (sink.delivered() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + ": only " + sink.delivered() + " of " + expected
                        + " deliveries after " + timeoutSeconds + " s");
            }
            progress.update(label, sink.delivered(), expected);
            Thread.sleep(20);
        }
        progress.update(label, expected, expected);
    }
}
