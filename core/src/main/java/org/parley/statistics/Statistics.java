package org.parley.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.model.ForumList;
import org.parley.store.Aggregates;
import org.parley.store.Store;

/**
 * Participation over a period, for moderators and the committee: posts per week by room,
 * language and delegation, how many delegations took part, new threads and replies, how
 * members take delivery, how fast held posts were decided and by whom, and translations.
 * Read from the store in a handful of aggregate queries.
 */
public final class Statistics {
    private static final long WEEK = Duration.ofDays(7).toMillis();
    /** Posts by people of no delegation (the secretariat, guests). */
    public static final String NONE = "(none)";

    /** Posts of one list, week by week. */
    public record ListRow(String list, String room, String language, long[] weeks, long total) {
    }

    /** How fast one moderator decided held posts of one language. */
    public record Turnaround(String moderator, String language, long decided, Duration p50, Duration p95) {
    }

    /** Everything the page, the CSV and {@code parley stats} show. */
    public record Report(Instant from, Instant to, List<Instant> weeks, List<ListRow> lists, long[] totals,
                         Map<String, Long> byLanguage, Map<String, Long> byRoom, Map<String, Long> byDelegation,
                         long posts, long threads, long activeDelegations, long delegations,
                         Map<String, Long> deliveryModes, Map<String, Long> held, List<Turnaround> turnaround,
                         long translations, long untranslated) {
        public long replies() {
            return Math.max(0, posts - threads);
        }
    }

    private final Store store;

    public Statistics(Store store) {
        this.store = store;
    }

    /** The report of [from, to), weeks counted from from. */
    public Report report(Instant from, Instant to) {
        return store.read(tx -> {
            Aggregates a = tx.aggregates();
            Map<String, ForumList> lists = tx.rooms().lists().stream()
                    .collect(Collectors.toMap(ForumList::name, Function.identity()));
            int weekCount = (int) Math.max(1, (to.toEpochMilli() - from.toEpochMilli() + WEEK - 1) / WEEK);
            List<Instant> weeks = new ArrayList<>();
            for (int w = 0; w < weekCount; w++) {
                weeks.add(from.plusMillis(w * WEEK));
            }
            Map<String, long[]> perList = new TreeMap<>();
            long[] totals = new long[weekCount];
            Map<String, Long> byLanguage = new TreeMap<>();
            Map<String, Long> byRoom = new TreeMap<>();
            Map<String, Long> byDelegation = new TreeMap<>();
            long posts = 0;
            long inMultilingualRooms = 0;
            Map<String, Long> listsPerRoom = lists.values().stream()
                    .collect(Collectors.groupingBy(ForumList::roomId, Collectors.counting()));
            for (Aggregates.Posts p : a.posts(from, to)) {
                int w = Math.min(weekCount - 1, Math.max(0, p.week()));
                perList.computeIfAbsent(p.list(), l -> new long[weekCount])[w] += p.count();
                totals[w] += p.count();
                ForumList list = lists.get(p.list());
                byLanguage.merge(list == null ? "" : list.language(), p.count(), Long::sum);
                byRoom.merge(list == null ? "" : list.roomId(), p.count(), Long::sum);
                byDelegation.merge(p.delegation().isBlank() ? NONE : p.delegation(), p.count(), Long::sum);
                posts += p.count();
                if (list != null && listsPerRoom.getOrDefault(list.roomId(), 0L) > 1) {
                    inMultilingualRooms += p.count();
                }
            }
            List<ListRow> rows = new ArrayList<>();
            for (Map.Entry<String, long[]> e : perList.entrySet()) {
                ForumList list = lists.get(e.getKey());
                rows.add(new ListRow(e.getKey(), list == null ? "" : list.roomId(), list == null ? "" : list.language(),
                        e.getValue(), Arrays.stream(e.getValue()).sum()));
            }
            long active = byDelegation.keySet().stream().filter(d -> !d.equals(NONE)).count();
            return new Report(from, to, weeks, rows, totals, byLanguage, byRoom, byDelegation, posts,
                    a.threadsStarted(from, to), active, a.delegations(), a.deliveryModes(), a.held(from, to),
                    turnaround(a.decided(from, to), lists), a.translations(from, to),
                    Math.max(0, inMultilingualRooms - a.translatedOrTranslations(from, to)));
        });
    }

    private static List<Turnaround> turnaround(List<Aggregates.Decided> decided, Map<String, ForumList> lists) {
        Map<List<String>, List<Long>> waits = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        for (Aggregates.Decided d : decided) {
            ForumList list = lists.get(d.list());
            waits.computeIfAbsent(List.of(d.by(), list == null ? "" : list.language()), k -> new ArrayList<>())
                    .add(d.waited());
        }
        List<Turnaround> out = new ArrayList<>();
        waits.forEach((k, w) -> {
            w.sort(null);
            out.add(new Turnaround(k.get(0), k.get(1), w.size(), Duration.ofMillis(percentile(w, 50)),
                    Duration.ofMillis(percentile(w, 95))));
        });
        return out;
    }

    /**
     * The report as one CSV table a spreadsheet opens: section, name, week (the day it
     * starts, for weekly figures), value (durations in seconds).
     */
    public static String csv(Report r) {
        StringBuilder out = new StringBuilder("section,name,week,value\r\n");
        for (ListRow row : r.lists()) {
            for (int w = 0; w < row.weeks().length; w++) {
                line(out, "posts", row.list(), r.weeks().get(w).toString().substring(0, 10), row.weeks()[w]);
            }
        }
        r.byRoom().forEach((k, v) -> line(out, "room", k, "", v));
        r.byLanguage().forEach((k, v) -> line(out, "language", k, "", v));
        r.byDelegation().forEach((k, v) -> line(out, "delegation", k, "", v));
        line(out, "summary", "posts", "", r.posts());
        line(out, "summary", "new threads", "", r.threads());
        line(out, "summary", "replies", "", r.replies());
        line(out, "summary", "active delegations", "", r.activeDelegations());
        line(out, "summary", "delegations", "", r.delegations());
        line(out, "summary", "translations made", "", r.translations());
        line(out, "summary", "posts not yet translated", "", r.untranslated());
        r.deliveryModes().forEach((k, v) -> line(out, "delivery", k, "", v));
        r.held().forEach((k, v) -> line(out, "held", k, "", v));
        for (Turnaround t : r.turnaround()) {
            String who = t.moderator() + " (" + t.language() + ")";
            line(out, "decided", who, "", t.decided());
            line(out, "turnaround p50", who, "", t.p50().toSeconds());
            line(out, "turnaround p95", who, "", t.p95().toSeconds());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String section, String name, String week, long value) {
        out.append(section).append(',').append(cell(name)).append(',').append(week).append(',').append(value)
                .append("\r\n");
    }

    /** A CSV cell, quoted when it must be, and never read as a formula by a spreadsheet. */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return safe.matches(".*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
