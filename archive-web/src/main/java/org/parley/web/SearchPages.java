package org.parley.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.parley.Forum;
import org.parley.archive.ArchiveSearch;
import org.parley.model.ForumList;
import org.parley.search.SearchQuery;

/** The search page: the words and filters as asked, and a page of what the reader may read. */
final class SearchPages {
    static final int PAGE = 20;

    /** What was asked, as the form shows it again. */
    record Asked(String q, String room, String language, String delegation, String author, String from, String to,
                 boolean files, boolean newest, boolean all) {
    }

    /** The form's choices, the results and where the pages are. */
    record SearchPage(Asked asked, List<String> rooms, List<String> languages, boolean searched, boolean cut,
                      long total, boolean exact, List<ArchiveSearch.Hit> hits, int page, long pages) {
        String pageLink(int to) {
            return "/search?" + SearchPages.query(asked) + "&page=" + to;
        }
    }

    private final Forum forum;
    private final Views views;
    private final ArchiveSearch search;

    SearchPages(Forum forum, Views views) {
        this.forum = forum;
        this.views = views;
        this.search = new ArchiveSearch(forum.store(), forum.search());
    }

    void search(Context ctx, Viewer v) {
        Asked asked = new Asked(param(ctx, "q"), param(ctx, "room"), param(ctx, "language"), param(ctx, "delegation"),
                param(ctx, "author"), param(ctx, "from"), param(ctx, "to"), ctx.queryParam("files") != null,
                "new".equals(ctx.queryParam("sort")), ctx.queryParam("all") != null);
        int page = Math.max(1, ArchivePages.parseInt(ctx.queryParam("page"), 1));
        // By default the reader's own language; "also in other languages" (or a language chosen) widens it.
        Optional<String> language = asked.language().isEmpty()
                ? (asked.all() || v.lists().stream().noneMatch(l -> l.language().equals(v.language()))
                        ? Optional.empty() : Optional.of(v.language()))
                : Optional.of(asked.language());
        SearchQuery query = new SearchQuery(asked.q(), ArchiveSearch.scope(v.readership(), language), Optional.empty(),
                nonEmpty(asked.room()), nonEmpty(asked.delegation()), nonEmpty(asked.author()), day(asked.from(), 0),
                day(asked.to(), 1), asked.files(), asked.newest(), page, PAGE);
        boolean searched = !asked.q().isBlank();
        ArchiveSearch.Results results = searched ? search.search(v.readership(), query)
                : new ArchiveSearch.Results(0, true, List.of());
        List<String> rooms = v.lists().stream().map(ForumList::roomId).distinct().sorted().toList();
        List<String> languages = v.lists().stream().map(ForumList::language).distinct().sorted().toList();
        long pages = Math.max(1, (results.total() + PAGE - 1) / PAGE);
        views.show(ctx, "search", views.frame(ctx, v, views.t(v.language(), "search.title")),
                new SearchPage(asked, rooms, languages, searched, SearchQuery.cut(asked.q()), results.total(), results.exact(),
                        results.hits(), page, pages));
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.strip();
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A date from the form (yyyy-mm-dd) as the start of that day, or of the next for an end; UTC. */
    private static Optional<Instant> day(String value, int plusDays) {
        try {
            return value.isEmpty() ? Optional.empty()
                    : Optional.of(LocalDate.parse(value).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String query(Asked a) {
        StringBuilder out = new StringBuilder("q=").append(encode(a.q()));
        append(out, "room", a.room());
        append(out, "language", a.language());
        append(out, "delegation", a.delegation());
        append(out, "author", a.author());
        append(out, "from", a.from());
        append(out, "to", a.to());
        if (a.files()) {
            out.append("&files=1");
        }
        if (a.newest()) {
            out.append("&sort=new");
        }
        if (a.all()) {
            out.append("&all=1");
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String name, String value) {
        if (!value.isEmpty()) {
            out.append('&').append(name).append('=').append(encode(value));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
