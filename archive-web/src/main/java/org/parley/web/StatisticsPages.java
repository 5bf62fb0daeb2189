package org.parley.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.Forum;
import org.parley.statistics.Statistics;

/** Participation for moderators and administrators: charts drawn as SVG on the server, numbers beside them, CSV. */
final class StatisticsPages {
    private static final int DEFAULT_WEEKS = 12;
    static final int CHART_WIDTH = 640;
    static final int CHART_HEIGHT = 200;

    /** One bar of the weekly chart, placed in the SVG's coordinates. */
    record Bar(int x, int y, int width, int height, String week, long value) {
    }

    /** The page: the period asked, the report, and the weekly bars. */
    record StatisticsPage(String from, String to, Statistics.Report report, List<Bar> bars, long max) {
        String csv() {
            return "/statistics.csv?from=" + from + "&to=" + to;
        }
    }

    private final Forum forum;
    private final Views views;

    StatisticsPages(Forum forum, Views views) {
        this.forum = forum;
        this.views = views;
    }

    void page(Context ctx, Viewer v) {
        v.requireModerator();
        Period period = period(ctx);
        Statistics.Report report = new Statistics(forum.store()).report(period.from(), period.to());
        long max = max(report);
        views.show(ctx, "statistics", views.frame(ctx, v, views.t(v.language(), "stats.title")),
                new StatisticsPage(period.fromDay(), period.toDay(), report, bars(report, max), max));
    }

    void csv(Context ctx, Viewer v) {
        v.requireModerator();
        Period period = period(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"parley-statistics-" + period.fromDay() + "-"
                + period.toDay() + ".csv\"");
        ctx.result(Statistics.csv(new Statistics(forum.store()).report(period.from(), period.to()))
                .getBytes(StandardCharsets.UTF_8));
    }

    private record Period(Instant from, Instant to, String fromDay, String toDay) {
    }

    /** From and to as days; missing or unreadable, the last twelve weeks up to today. */
    private Period period(Context ctx) {
        LocalDate today = LocalDate.ofInstant(forum.clock().instant(), ZoneOffset.UTC);
        LocalDate to = day(ctx.queryParam("to")).orElse(today);
        LocalDate from = day(ctx.queryParam("from")).filter(d -> !d.isAfter(to))
                .orElse(to.minusWeeks(DEFAULT_WEEKS).plusDays(1));
        if (ChronoUnit.DAYS.between(from, to) > 3660) {
            from = to.minusYears(10); // a bound on the weeks drawn
        }
        return new Period(from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), from.toString(), to.toString());
    }

    private static Optional<LocalDate> day(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static long max(Statistics.Report r) {
        long max = 1;
        for (long t : r.totals()) {
            max = Math.max(max, t);
        }
        return max;
    }

    private static List<Bar> bars(Statistics.Report r, long max) {
        List<Bar> bars = new ArrayList<>();
        int n = r.totals().length;
        int slot = Math.max(1, CHART_WIDTH / Math.max(1, n));
        for (int w = 0; w < n; w++) {
            int height = (int) Math.round((double) r.totals()[w] * (CHART_HEIGHT - 20) / max);
            bars.add(new Bar(w * slot + 1, CHART_HEIGHT - height, Math.max(1, slot - 2), height,
                    r.weeks().get(w).toString().substring(0, 10), r.totals()[w]));
        }
        return bars;
    }
}
