package org.parley.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.Forum;
import org.parley.admin.Admin;
import org.parley.archive.Archive;
import org.parley.config.Settings;
import org.parley.config.SettingsLoader;
import org.parley.demo.SmtpSubmissionText;
import org.parley.inbound.Post;
import org.parley.inbound.PostParser;
import org.parley.model.Envelope;
import org.parley.model.ForumList;
import org.parley.model.Role;
import org.parley.store.Store;
import org.parley.web.Passwords;

/**
 * The archive under load: a store filled through the real archiving (threading included) with
 * messages in realistic threads across six languages, then list, thread and message pages
 * requested over HTTP by a logged-in member.
 */
final class ArchiveBench {
    /** Messages in the archive, requests of each page kind; the server's java command and JVM options, as the mail part's. */
    record Options(int messages, int requests, List<String> launcher, String serverJavaOptions) {
    }

    record Result(int messages, double fillSeconds, Stats listPages, Stats threadPages, Stats messagePages,
                  Stats statisticsPages, Search search, MailBench.ServerJvm serverJvm) {
    }

    /** The pages the bench asks for: threads (id, index of their list) and messages (list, hash). */
    private record Pages(List<long[]> threads, List<String[]> messages) {
    }

    /** Search pages by kind of query, and a full rebuild of the index. */
    record Search(Stats oneWord, Stats twoWords, Stats threeWords, Stats phrase, double reindexSeconds, long indexBytes) {
    }

    /** Queries as members type them, in the six languages of the texts. */
    private static final List<List<String>> QUERIES = List.of(
            List.of("strategy", "stratégie", "propiedad", "知识产权", "стратегию", "examiners", "الوطنية"),
            List.of("intellectual property", "propriete intellectuelle", "oficina estrategia", "training examiners",
                    "национальную стратегию"),
            List.of("national intellectual property", "délais examen qualité", "retraso examen solicitudes",
                    "online modules supervised"),
            List.of("\"intellectual property strategy\"", "\"propriété intellectuelle\"", "\"supervised practice\"",
                    "\"国家知识产权战略\""));

    private ArchiveBench() {
    }

    /**
     * Fills the archive in this JVM, then measures the pages of a web node ({@code serve --role
     * web}) in a JVM of its own under the server's options, so that its memory is its own.
     */
    static Result run(Path dir, Options o, BenchDatabase db, Progress progress) throws Exception {
        SettingsLoader loader = db.apply(SettingsLoader.defaults(), "archive")
                .set("parley.domain", "bench.test").set("parley.data-dir", dir.toString())
                .set("parley.languages", "en,fr,es,ar,zh,ru").set("parley.secret", "bench-secret");
        Settings settings = loader.load();
        List<ForumList> lists;
        double fillSeconds;
        Pages pages;
        try (Forum forum = new Forum(settings, Store.open(settings), Clock.systemUTC(), new SecureRandom())) {
            Admin admin = new Admin(forum);
            for (String room : List.of("strategies", "training", "offices")) {
                admin.createRoom(room, "Room " + room, Texts.LANGUAGES);
            }
            admin.addMember("reader@bench.test", "Reader", "", "en", Role.MODERATOR, false, false);
            forum.store().run(tx -> {
                long reader = tx.members().find("reader@bench.test").orElseThrow().id();
                tx.access().setPasswordHash(reader, Passwords.hash("bench password"));
                // The reader has read the protocol: the bench measures archive pages, not the protocol page.
                tx.members().acceptProtocol(reader, forum.protocol().version(), forum.clock().instant());
            });
            lists = forum.store().read(tx -> tx.rooms().lists());
            long fillStart = System.nanoTime();
            fill(forum, lists, o.messages(), progress);
            fillSeconds = MailBench.seconds(System.nanoTime() - fillStart);
            pages = pages(forum, lists);
        }
        Result measured;
        try (ServerProcess web = ServerProcess.start(dir, loader, o.launcher(), o.serverJavaOptions(), "web")) {
            measured = measure(web, lists, pages, o, fillSeconds, progress);
        }
        return measured;
    }

    /** Threads from the first pages of every list, and the first messages of 200 of them. */
    private static Pages pages(Forum forum, List<ForumList> lists) {
        Random random = new Random(11);
        List<long[]> threads = forum.store().read(tx -> {
            List<long[]> out = new ArrayList<>();
            for (ForumList l : lists) {
                tx.archive().threads(l.name(), Optional.empty(), 0, 200).forEach(t -> out.add(new long[] {t.id(), lists.indexOf(l)}));
            }
            return out;
        });
        List<String[]> messages = new ArrayList<>();
        for (int i = 0; i < Math.min(200, threads.size()); i++) {
            long[] t = threads.get(random.nextInt(threads.size()));
            forum.store().read(tx -> tx.archive().messagesOf(t[0])).stream().limit(3)
                    .forEach(m -> messages.add(new String[] {m.list(), m.hash()}));
        }
        return new Pages(threads, messages);
    }

    /** A few long threads and many short ones, spread over the 18 lists; two writers in parallel. */
    private static void fill(Forum forum, List<ForumList> lists, int messages, Progress progress) throws InterruptedException {
        Archive archive = new Archive(forum.clock(), forum.search());
        PostParser parser = new PostParser("bench.test");
        AtomicInteger done = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        int writersCount = 2;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 0; w < writersCount; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                Random random = new Random(7 + writer);
                int share = messages / writersCount + (writer < messages % writersCount ? 1 : 0);
                int made = 0;
                int thread = 0;
                while (made < share) {
                    ForumList list = lists.get((writer + 2 * thread) % lists.size());
                    int length = random.nextInt(100) < 2 ? 200 + random.nextInt(300) : 1 + random.nextInt(8);
                    length = Math.min(length, share - made);
                    List<byte[]> batch = new ArrayList<>();
                    List<Instant> dates = new ArrayList<>();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < length; i++) {
                        String id = "<w" + writer + "t" + thread + "m" + i + "@bench.test>";
                        String parent = i == 0 ? "" : ids.get(random.nextInt(ids.size()));
                        ZonedDateTime date = ZonedDateTime.now().minusDays(random.nextInt(700));
                        String raw = "From: Delegate " + (random.nextInt(300)) + " <d" + random.nextInt(300) + "@bench.test>\r\n"
                                + "Subject: " + SmtpSubmissionText.encode((i == 0 ? "" : "Re: ")
                                + Texts.subject(random, thread)) + "\r\nMessage-ID: " + id + "\r\n"
                                + (parent.isEmpty() ? "" : "In-Reply-To: " + parent + "\r\nReferences: " + parent + "\r\n")
                                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date)
                                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + Texts.body(random, list.language(), 1000, 4000);
                        ids.add(id);
                        batch.add(raw.getBytes(StandardCharsets.UTF_8));
                        dates.add(date.toInstant());
                    }
                    for (int from = 0; from < batch.size(); from += 100) {
                        int start = from;
                        List<byte[]> slice = batch.subList(from, Math.min(batch.size(), from + 100));
                        // Redone whole on a transient lock failure, as the routing worker does.
                        forum.store().writeRetrying(tx -> {
                            for (int k = 0; k < slice.size(); k++) {
                                byte[] raw = slice.get(k);
                                long arrival = tx.arrivals().add(new Envelope("", list.postAddress("bench.test"), "bench"),
                                        raw, Instant.now());
                                tx.arrivals().finish(arrival, "DONE", "bench");
                                Post post = parser.parse(raw);
                                // Archived on the day it was written: a two-year archive, as the statistics read it.
                                archive.add(tx, arrival, post, list, dates.get(start + k));
                            }
                            return null;
                        });
                        progress.update("filling the archive", done.addAndGet(slice.size()), messages);
                    }
                    made += length;
                    thread++;
                }
            }, "archive-writer-" + w);
            t.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("filling the archive failed: " + failure.get().getMessage(), failure.get());
        }
    }

    private static Result measure(ServerProcess server, List<ForumList> lists, Pages pages, Options o, double fillSeconds,
                                  Progress progress) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + server.webPort();
        // The login form's CSRF token, as a browser reads it from the page.
        Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get(http, base + "/login").body());
        if (!field.find()) {
            throw new IllegalStateException("bench login: no CSRF field on the login page");
        }
        String csrf = field.group(1);
        String form = "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&email=reader%40bench.test&password=bench+password";
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 302) {
            throw new IllegalStateException("bench login failed: " + login.statusCode());
        }
        Random random = new Random(11);
        List<long[]> threads = pages.threads();
        List<String[]> messages = pages.messages();
        // The web node is a fresh JVM: every page kind is asked for as often unmeasured first,
        // so that the JIT has compiled it as in a server that has run for a while.
        List<Double> listTimes = new ArrayList<>();
        List<Double> threadTimes = new ArrayList<>();
        List<Double> messageTimes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            listTimes.clear();
            threadTimes.clear();
            messageTimes.clear();
            for (int i = 0; i < o.requests(); i++) {
                ForumList list = lists.get(random.nextInt(lists.size()));
                listTimes.add(time(http, base + "/lists/" + list.name() + "?page=" + (1 + random.nextInt(5))));
                long[] t = threads.get(random.nextInt(threads.size()));
                threadTimes.add(time(http, base + "/lists/" + lists.get((int) t[1]).name() + "/threads/" + t[0]));
                String[] m = messages.get(random.nextInt(messages.size()));
                messageTimes.add(time(http, base + "/lists/" + m[0] + "/messages/" + m[1]));
                progress.update(round == 0 ? "warming up the pages" : "requesting pages", i + 1, o.requests());
            }
        }
        // The participation page over the two years the archive spans, as a moderator reads it.
        String period = "/statistics?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(730) + "&to="
                + LocalDate.now(ZoneOffset.UTC);
        get(http, base + period);
        List<Double> statisticsTimes = new ArrayList<>();
        for (int i = 0; i < Math.max(20, o.requests() / 10); i++) {
            statisticsTimes.add(time(http, base + period));
            progress.update("reading statistics", i + 1, Math.max(20, o.requests() / 10));
        }
        Search search = search(server, http, base, o, progress);
        return new Result(o.messages(), fillSeconds, Stats.of(listTimes), Stats.of(threadTimes), Stats.of(messageTimes),
                Stats.of(statisticsTimes), search, new MailBench.ServerJvm(o.serverJavaOptions(), server.stop()));
    }

    /**
     * The search page over HTTP for each kind of query (the reader reads every list), then a
     * full reindex as an administrator starts it beside the running server.
     */
    private static Search search(ServerProcess server, HttpClient http, String base, Options o, Progress progress)
            throws Exception {
        Random random = new Random(13);
        List<List<Double>> times = new ArrayList<>();
        for (int k = 0; k < QUERIES.size(); k++) {
            times.add(new ArrayList<>());
        }
        int perKind = Math.max(20, o.requests() / 4);
        // Unmeasured first, as the pages are.
        for (int round = 0; round < 2; round++) {
            times.forEach(List::clear);
            for (int i = 0; i < perKind; i++) {
                for (int k = 0; k < QUERIES.size(); k++) {
                    String q = QUERIES.get(k).get(random.nextInt(QUERIES.get(k).size()));
                    times.get(k).add(time(http, base + "/search?all=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                            + (random.nextBoolean() ? "&sort=new" : "") + "&page=" + (1 + random.nextInt(3))));
                }
                progress.update(round == 0 ? "warming up the search" : "searching", i + 1, perKind);
            }
        }
        progress.update("reindexing", 0, o.messages());
        long start = System.nanoTime();
        // The command's own JVM start (about a second) is in the time, as it is in the administrator's.
        server.run(List.of("search", "reindex", "--no-progress"));
        double reindex = MailBench.seconds(System.nanoTime() - start);
        return new Search(Stats.of(times.get(0)), Stats.of(times.get(1)), Stats.of(times.get(2)), Stats.of(times.get(3)),
                reindex, server.folderBytes("search"));
    }

    private static double time(HttpClient http, String url) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get(http, url);
        double millis = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return millis;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
