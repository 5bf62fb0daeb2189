package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.Forum;
import org.parley.model.Channel;
import org.parley.model.Discussion;
import org.parley.model.ForumList;
import org.parley.model.Invitation;
import org.parley.model.Member;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.model.Request;
import org.parley.model.Room;
import org.parley.requests.RequestDesk;
import org.parley.store.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discussions on the web: moderators open, schedule and close them, end a guest's access,
 * and decide requests (joins, proposals, invitations); members propose topics and ask
 * for guests, as they can by mail.
 */
final class DiscussionPages {
    private static final Logger LOG = LoggerFactory.getLogger(DiscussionPages.class);

    /** A guest of a discussion, whose access a moderator may end. */
    record Guest(long member, String name, String organisation) {
    }

    /** A discussion in the moderator's table: its title in their language, its state's key, its guests. */
    record Row(Discussion discussion, String title, String state, List<Guest> guests) {
    }

    /** A pending request: what kind, in the moderator's words, and what it is about. */
    record Pending(Request request, String kind, String about, List<MailText.Segment> body) {
    }

    /** The moderators' page: requests to decide, discussions, and the form to open one. */
    record DiscussionsPage(Optional<String> done, List<Pending> requests, List<Row> discussions, List<Room> rooms,
                           long defaultDays, List<String> languages) {
    }

    /** A discussion a member may ask a guest into. */
    record Coming(long id, String title) {
    }

    /** The forms under a list's page; not shown to guests. */
    record ListForms(boolean shown, String list, List<Coming> coming) {
    }

    private final Forum forum;
    private final Views views;

    DiscussionPages(Forum forum, Views views) {
        this.forum = forum;
        this.views = views;
    }

    private void done(Context ctx, String to, String message) {
        ctx.redirect(to + "?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    void list(Context ctx, Viewer v) {
        v.requireModerator();
        String lang = v.language();
        views.show(ctx, "discussions", views.frame(ctx, v, views.t(lang, "discussions.title")), read(v,
                Optional.ofNullable(ctx.queryParam("done"))));
    }

    /** One read: the requests of the moderator's languages, the discussions with their guests, the rooms. */
    private DiscussionsPage read(Viewer v, Optional<String> done) {
        String lang = v.language();
        String fallback = forum.settings().defaultLanguage();
        return forum.store().read(tx -> {
            Map<String, String> languages = new LinkedHashMap<>();
            tx.rooms().lists().forEach(l -> languages.put(l.name(), l.language()));
            List<Pending> pending = tx.requests().pending(0, 200).stream()
                    .filter(r -> v.member().moderates(languages.getOrDefault(r.list(), "")))
                    .map(r -> new Pending(r, forum.templates().phrase("request." + r.kind().name().toLowerCase(Locale.ROOT),
                            List.of(lang, "en"), Map.of()), about(r), MailText.segments(r.body())))
                    .toList();
            List<Row> rows = new ArrayList<>();
            for (Discussion d : tx.discussions().list(Optional.empty(), 100)) {
                List<Guest> guests = d.state() == Discussion.State.CLOSED ? List.of()
                        : tx.discussions().guests(d.id()).stream()
                        .map(g -> new Guest((Long) g[0], (String) g[1], (String) g[3])).toList();
                rows.add(new Row(d, d.text(lang, fallback).title(), d.state().name().toLowerCase(Locale.ROOT), guests));
            }
            List<Room> rooms = tx.rooms().lists().stream().map(ForumList::roomId).distinct()
                    .map(id -> tx.rooms().room(id).orElseThrow()).toList();
            return new DiscussionsPage(done, pending, rows, rooms, forum.discussions().defaultLength().toDays(),
                    forum.settings().languages());
        });
    }

    private static String about(Request r) {
        return switch (r.kind()) {
            case INVITATION -> r.guestName() + " <" + r.guestEmail() + ">, " + r.guestOrganisation();
            case PROPOSAL, ERASURE -> r.title();
            case JOIN, FORGET -> r.requester();
        };
    }

    void open(Context ctx, Viewer v) {
        v.requireModerator();
        String lang = v.language();
        String room = Optional.ofNullable(ctx.formParam("room")).orElse("");
        Map<String, Discussion.Text> texts = new LinkedHashMap<>();
        for (String l : forum.settings().languages()) {
            String title = Optional.ofNullable(ctx.formParam("title-" + l)).orElse("").strip();
            if (!title.isEmpty()) {
                texts.put(l, new Discussion.Text(title.replaceAll("[\\r\\n]+", " "),
                        Optional.ofNullable(ctx.formParam("text-" + l)).orElse("").replace("\r\n", "\n").strip()));
            }
        }
        Instant start;
        try {
            String given = Optional.ofNullable(ctx.formParam("start")).orElse("");
            start = given.isBlank() ? forum.clock().instant() : LocalDateTime.parse(given).atZone(v.zone()).toInstant();
        } catch (DateTimeParseException e) {
            start = forum.clock().instant();
        }
        int days = Math.max(1, ArchivePages.parseInt(ctx.formParam("days"), (int) forum.discussions().defaultLength().toDays()));
        Instant from = start;
        try {
            long id = forum.store().write(tx -> forum.discussions().schedule(tx, room, texts, from,
                    from.plus(Duration.ofDays(days)), v.member().email()));
            forum.keepDiscussionsOnTime();
            forum.wakeUps().outbox();
            done(ctx, "/discussions", views.t(lang, "discussions.created", id));
        } catch (IllegalArgumentException e) {
            done(ctx, "/discussions", e.getMessage());
        }
    }

    void close(Context ctx, Viewer v) {
        v.requireModerator();
        long id = ArchivePages.parseLong(ctx.pathParam("id"));
        boolean closed = forum.store().write(tx -> forum.discussions().close(tx, id, v.member().email()));
        done(ctx, "/discussions", views.t(v.language(), closed ? "discussions.closed" : "discussions.alreadyClosed", id));
    }

    void revoke(Context ctx, Viewer v) {
        v.requireModerator();
        long member = ArchivePages.parseLong(ctx.pathParam("member"));
        forum.store().run(tx -> tx.discussions().endInvitations(Optional.empty(), Optional.of(member),
                Invitation.State.REVOKED, forum.clock().instant()));
        LOG.info("guest revoked member={} by={}", member, v.member().email());
        done(ctx, "/discussions", views.t(v.language(), "discussions.revoked"));
    }

    void decide(Context ctx, Viewer v) {
        v.requireModerator();
        long id = ArchivePages.parseLong(ctx.pathParam("id"));
        Request request = forum.store().read(tx -> tx.requests().find(id)).orElseThrow(NotFoundResponse::new);
        String language = forum.store().read(tx -> tx.rooms().list(request.list())).map(ForumList::language).orElse("");
        if (!v.member().moderates(language)) {
            throw new NotFoundResponse();
        }
        boolean accept = "accept".equals(ctx.formParam("action"));
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
        Optional<Boolean> erasePosts = ctx.formParam("choice") == null ? Optional.empty()
                : Optional.of(ctx.formParam("erase_posts") != null);
        Outcome<RequestDesk.Decided> outcome = forum.store().write(tx -> forum.requests().decide(tx, id, accept, reason,
                v.member().email(), Channel.WEB, erasePosts));
        forum.wakeUps().outbox();
        done(ctx, "/discussions", said(forum, views, v.language(), outcome, accept ? "action.accept" : "action.decline"));
    }

    /** What a decision on a request said, in the reader's language: why nothing changed, or what was done. */
    static String said(Forum forum, Views views, String lang, Outcome<RequestDesk.Decided> outcome, String action) {
        return outcome instanceof Refusal<RequestDesk.Decided> refused
                ? views.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"), Map.of()))
                : views.t(lang, "moderation.done", forum.templates().phrase(action, List.of(lang, "en"), Map.of()));
    }

    // ---- members ---------------------------------------------------------------------

    private ForumList memberList(Viewer v, Context ctx) {
        if (v.guest()) {
            throw new NotFoundResponse();
        }
        return v.lists().stream().filter(l -> l.name().equals(ctx.pathParam("list"))).findFirst()
                .orElseThrow(NotFoundResponse::new);
    }

    /** The forms under a list's page, read in the caller's transaction: propose a topic, ask for a guest. */
    ListForms forms(Tx tx, Viewer v, ForumList list) {
        if (v.guest()) {
            return new ListForms(false, list.name(), List.of());
        }
        List<Coming> coming = tx.discussions().list(Optional.of(list.roomId()), 20).stream()
                .filter(d -> d.state() != Discussion.State.CLOSED)
                .map(d -> new Coming(d.id(), d.text(list.language(), forum.settings().defaultLanguage()).title())).toList();
        return new ListForms(true, list.name(), coming);
    }

    void propose(Context ctx, Viewer v) {
        ForumList list = memberList(v, ctx);
        String title = Optional.ofNullable(ctx.formParam("title")).orElse("").replaceAll("[\\r\\n]+", " ").strip();
        String text = Optional.ofNullable(ctx.formParam("text")).orElse("").replace("\r\n", "\n").strip();
        String lang = v.language();
        if (title.isEmpty()) {
            done(ctx, "/lists/" + list.name(), forum.templates().phrase("change.proposal-empty", List.of(lang, "en"),
                    Map.of("list", list.name())));
            return;
        }
        Member m = v.member();
        forum.store().run(tx -> forum.requests().submit(tx, new Request(0, Request.Kind.PROPOSAL, list.name(), m.email(),
                m.name(), lang, title, text, "", "", "", 0, Request.State.PENDING, forum.clock().instant()), list));
        forum.wakeUps().outbox();
        done(ctx, "/lists/" + list.name(), views.t(lang, "request.sent"));
    }

    void invite(Context ctx, Viewer v) {
        ForumList list = memberList(v, ctx);
        String lang = v.language();
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").replaceAll("[\\r\\n]+", " ").strip();
        String email;
        try {
            email = Member.normalise(Optional.ofNullable(ctx.formParam("email")).orElse(""));
        } catch (IllegalArgumentException e) {
            email = "";
        }
        long discussion = ArchivePages.parseInt(ctx.formParam("discussion"), 0);
        boolean known = forum.store().read(tx -> tx.discussions().find(discussion)).filter(d -> d.roomId()
                .equals(list.roomId()) && d.state() != Discussion.State.CLOSED).isPresent();
        if (name.isEmpty() || email.isEmpty() || !known) {
            done(ctx, "/lists/" + list.name(), forum.templates().phrase(known ? "change.invitation-incomplete"
                    : "change.invitation-no-discussion", List.of(lang, "en"), Map.of("list", list.name())));
            return;
        }
        Member m = v.member();
        String guest = email;
        String organisation = Optional.ofNullable(ctx.formParam("organisation")).orElse("").strip();
        String why = Optional.ofNullable(ctx.formParam("why")).orElse("").strip();
        forum.store().run(tx -> forum.requests().submit(tx, new Request(0, Request.Kind.INVITATION, list.name(),
                m.email(), m.name(), lang, "", why, guest, name, organisation, discussion, Request.State.PENDING,
                forum.clock().instant()), list));
        forum.wakeUps().outbox();
        done(ctx, "/lists/" + list.name(), views.t(lang, "request.sent"));
    }
}
