package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.Forum;
import org.parley.discussion.Discussion;
import org.parley.forum.ForumList;
import org.parley.forum.Room;
import org.parley.people.Member;
import org.parley.requests.Request;
import org.parley.requests.RequestDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discussions on the web: moderators open, schedule and close them, end a guest's access,
 * and decide requests (joins, proposals, invitations); members propose topics and ask
 * for guests, as they can by mail.
 */
final class DiscussionPages {
    private static final Logger LOG = LoggerFactory.getLogger(DiscussionPages.class);

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;

    DiscussionPages(Forum forum, Auth auth, I18n i18n) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
    }

    private String date(Viewer v, Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(v.language())).withZone(v.zone()).format(at);
    }

    private void done(Context ctx, String to, String message) {
        ctx.redirect(to + "?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    void list(Context ctx, Viewer v) {
        v.requireModerator();
        String lang = v.language();
        String csrf = auth.csrf(ctx);
        List<Discussion> all = forum.store().read(tx -> tx.discussions().list(Optional.empty(), 100));
        StringBuilder body = new StringBuilder("<h1>").append(Html.esc(i18n.t(lang, "discussions.title"))).append("</h1>");
        Optional.ofNullable(ctx.queryParam("done")).ifPresent(d -> body.append("<p class=\"notice\" id=\"message\">")
                .append(Html.esc(d)).append("</p>"));
        body.append(requests(v, lang, csrf));
        body.append("<table id=\"discussions\"><tbody>");
        if (all.isEmpty()) {
            body.append("<tr><td class=\"muted\">").append(Html.esc(i18n.t(lang, "discussions.none"))).append("</td></tr>");
        }
        for (Discussion d : all) {
            body.append("<tr id=\"discussion-").append(d.id()).append("\"><td>#").append(d.id()).append("</td><td>")
                    .append(Html.esc(d.text(lang, forum.settings().defaultLanguage()).title())).append("</td><td>")
                    .append(Html.esc(d.roomId())).append("</td><td>")
                    .append(Html.esc(i18n.t(lang, "discussions.state." + d.state().name().toLowerCase(Locale.ROOT))))
                    .append("</td><td>").append(Html.esc(date(v, d.startsAt()))).append(" – ")
                    .append(Html.esc(date(v, d.endsAt()))).append("</td><td>");
            if (d.state() != Discussion.State.CLOSED) {
                body.append("<form method=\"post\" action=\"/discussions/").append(d.id()).append("/close\">")
                        .append(Page.csrfField(csrf)).append("<button type=\"submit\" class=\"close\">")
                        .append(Html.esc(i18n.t(lang, "discussions.close"))).append("</button></form>");
                for (Object[] g : forum.store().read(tx -> tx.discussions().guests(d.id()))) {
                    body.append("<form method=\"post\" action=\"/discussions/guests/").append(g[0]).append("/revoke\">")
                            .append(Page.csrfField(csrf)).append(Html.esc((String) g[1])).append(" (")
                            .append(Html.esc((String) g[3])).append(") <button type=\"submit\" class=\"revoke\">")
                            .append(Html.esc(i18n.t(lang, "discussions.revoke"))).append("</button></form>");
                }
            }
            body.append("</td></tr>");
        }
        body.append("</tbody></table>").append(openForm(lang, csrf));
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "discussions.title"), v, csrf, body.toString()));
    }

    private String openForm(String lang, String csrf) {
        List<Room> rooms = forum.store().read(tx -> tx.rooms().lists().stream().map(ForumList::roomId).distinct()
                .map(id -> tx.rooms().room(id).orElseThrow()).toList());
        StringBuilder out = new StringBuilder("<section class=\"translate\"><h2>")
                .append(Html.esc(i18n.t(lang, "discussions.open"))).append("</h2><form method=\"post\" id=\"open\" action=\"/discussions\">")
                .append(Page.csrfField(csrf)).append("<label>").append(Html.esc(i18n.t(lang, "discussions.room")))
                .append(" <select name=\"room\">");
        for (Room r : rooms) {
            out.append("<option value=\"").append(Html.esc(r.id())).append("\">").append(Html.esc(r.title())).append("</option>");
        }
        out.append("</select></label><label>").append(Html.esc(i18n.t(lang, "discussions.start")))
                .append(" <input type=\"datetime-local\" name=\"start\"></label><label>")
                .append(Html.esc(i18n.t(lang, "discussions.days"))).append(" <input type=\"number\" name=\"days\" min=\"1\" value=\"")
                .append(forum.discussions().defaultLength().toDays()).append("\"></label>");
        for (String l : forum.settings().languages()) {
            out.append("<fieldset lang=\"").append(Html.esc(l)).append("\"><legend>")
                    .append(Html.esc(org.parley.notices.Vocabulary.autonym(l))).append("</legend><label>")
                    .append(Html.esc(i18n.t(lang, "translate.subject"))).append(" <input name=\"title-").append(Html.esc(l))
                    .append("\"></label><label>").append(Html.esc(i18n.t(lang, "discussions.text")))
                    .append("<textarea name=\"text-").append(Html.esc(l)).append("\" rows=\"5\"></textarea></label></fieldset>");
        }
        return out.append("<button type=\"submit\">").append(Html.esc(i18n.t(lang, "discussions.create")))
                .append("</button></form></section>").toString();
    }

    private String requests(Viewer v, String lang, String csrf) {
        Map<String, String> languages = new LinkedHashMap<>();
        forum.store().read(tx -> tx.rooms().lists()).forEach(l -> languages.put(l.name(), l.language()));
        List<Request> pending = forum.store().read(tx -> tx.requests().pending(0, 200)).stream()
                .filter(r -> v.member().moderates(languages.getOrDefault(r.list(), ""))).toList();
        StringBuilder out = new StringBuilder("<h2>").append(Html.esc(i18n.t(lang, "requests.title"))).append("</h2>");
        if (pending.isEmpty()) {
            return out.append("<p class=\"muted\">").append(Html.esc(i18n.t(lang, "requests.none"))).append("</p>").toString();
        }
        for (Request r : pending) {
            out.append("<section class=\"room held\" id=\"request-").append(r.id()).append("\"><h3>")
                    .append(Html.esc(forum.templates().phrase("request." + r.kind().name().toLowerCase(Locale.ROOT),
                            List.of(lang, "en"), Map.of()))).append(": ")
                    .append(Html.esc(r.kind() == Request.Kind.INVITATION ? r.guestName() + " <" + r.guestEmail() + ">, "
                            + r.guestOrganisation() : r.kind() == Request.Kind.PROPOSAL ? r.title() : r.requester()))
                    .append("</h3><p class=\"muted\">").append(Html.esc(r.requesterName())).append(" &lt;")
                    .append(Html.esc(r.requester())).append("&gt; · ").append(Html.esc(r.list())).append("</p><div class=\"text\">")
                    .append(Html.linkify(r.body())).append("</div><form method=\"post\" action=\"/requests/").append(r.id())
                    .append("\">").append(Page.csrfField(csrf)).append("<textarea name=\"reason\" placeholder=\"")
                    .append(Html.esc(i18n.t(lang, "moderation.reasonPlaceholder"))).append("\"></textarea> ")
                    .append("<button type=\"submit\" name=\"action\" value=\"accept\" class=\"approve\">")
                    .append(Html.esc(i18n.t(lang, "requests.accept"))).append("</button> ")
                    .append("<button type=\"submit\" name=\"action\" value=\"decline\" class=\"reject\">")
                    .append(Html.esc(i18n.t(lang, "requests.decline"))).append("</button></form></section>");
        }
        return out.toString();
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
        } catch (java.time.format.DateTimeParseException e) {
            start = forum.clock().instant();
        }
        int days = Math.max(1, ArchivePages.parseInt(ctx.formParam("days"), (int) forum.discussions().defaultLength().toDays()));
        Instant from = start;
        try {
            long id = forum.store().write(tx -> forum.discussions().schedule(tx, room, texts, from,
                    from.plus(java.time.Duration.ofDays(days)), v.member().email()));
            forum.store().write(forum.discussions()::keepTime);
            forum.wakeUps().outbox();
            done(ctx, "/discussions", i18n.t(lang, "discussions.created", id));
        } catch (IllegalArgumentException e) {
            done(ctx, "/discussions", e.getMessage());
        }
    }

    void close(Context ctx, Viewer v) {
        v.requireModerator();
        long id = ArchivePages.parseLong(ctx.pathParam("id"));
        boolean closed = forum.store().write(tx -> forum.discussions().close(tx, id, v.member().email()));
        done(ctx, "/discussions", i18n.t(v.language(), closed ? "discussions.closed" : "discussions.alreadyClosed", id));
    }

    void revoke(Context ctx, Viewer v) {
        v.requireModerator();
        long member = ArchivePages.parseLong(ctx.pathParam("member"));
        forum.store().run(tx -> tx.discussions().endInvitations(Optional.empty(), Optional.of(member),
                org.parley.discussion.Invitation.State.REVOKED, forum.clock().instant()));
        LOG.info("guest revoked member={} by={}", member, v.member().email());
        done(ctx, "/discussions", i18n.t(v.language(), "discussions.revoked"));
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
        RequestDesk.Outcome outcome = forum.store().write(tx -> forum.requests().decide(tx, id, accept, reason,
                v.member().email()));
        forum.wakeUps().outbox();
        String lang = v.language();
        String message = outcome instanceof RequestDesk.Outcome.Refused refused
                ? i18n.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"), Map.of()))
                : i18n.t(lang, "moderation.done", forum.templates().phrase(accept ? "action.accept" : "action.decline",
                        List.of(lang, "en"), Map.of()));
        done(ctx, "/discussions", message);
    }

    // ---- members ---------------------------------------------------------------------

    private ForumList memberList(Viewer v, Context ctx) {
        if (v.guest()) {
            throw new NotFoundResponse();
        }
        return v.lists().stream().filter(l -> l.name().equals(ctx.pathParam("list"))).findFirst()
                .orElseThrow(NotFoundResponse::new);
    }

    /** The forms under a list's page: propose a topic, ask for a guest in an open or coming discussion. */
    String forms(Viewer v, ForumList list, String csrf) {
        if (v.guest()) {
            return "";
        }
        String lang = v.language();
        List<Discussion> coming = forum.store().read(tx -> tx.discussions().list(Optional.of(list.roomId()), 20)).stream()
                .filter(d -> d.state() != Discussion.State.CLOSED).toList();
        String base = "/lists/" + Html.esc(list.name());
        StringBuilder out = new StringBuilder("<section class=\"translate\"><h2>").append(Html.esc(i18n.t(lang, "propose.title")))
                .append("</h2><form method=\"post\" id=\"propose\" action=\"").append(base).append("/propose\">")
                .append(Page.csrfField(csrf)).append("<label>").append(Html.esc(i18n.t(lang, "translate.subject")))
                .append(" <input name=\"title\" required></label><label>").append(Html.esc(i18n.t(lang, "discussions.text")))
                .append("<textarea name=\"text\" rows=\"5\"></textarea></label><button type=\"submit\">")
                .append(Html.esc(i18n.t(lang, "propose.send"))).append("</button></form></section>");
        if (!coming.isEmpty()) {
            out.append("<section class=\"translate\"><h2>").append(Html.esc(i18n.t(lang, "invite.title")))
                    .append("</h2><form method=\"post\" id=\"invite\" action=\"").append(base).append("/invite\">")
                    .append(Page.csrfField(csrf)).append("<label>").append(Html.esc(i18n.t(lang, "invite.discussion")))
                    .append(" <select name=\"discussion\">");
            for (Discussion d : coming) {
                out.append("<option value=\"").append(d.id()).append("\">#").append(d.id()).append(" ")
                        .append(Html.esc(d.text(list.language(), forum.settings().defaultLanguage()).title())).append("</option>");
            }
            out.append("</select></label>");
            for (String field : List.of("name", "email", "organisation")) {
                out.append("<label>").append(Html.esc(i18n.t(lang, "invite." + field))).append(" <input name=\"")
                        .append(field).append("\"").append(field.equals("organisation") ? "" : " required").append("></label>");
            }
            out.append("<label>").append(Html.esc(i18n.t(lang, "invite.why"))).append("<textarea name=\"why\" rows=\"3\">")
                    .append("</textarea></label><button type=\"submit\">").append(Html.esc(i18n.t(lang, "invite.send")))
                    .append("</button></form></section>");
        }
        return out.toString();
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
        done(ctx, "/lists/" + list.name(), i18n.t(lang, "request.sent"));
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
        done(ctx, "/lists/" + list.name(), i18n.t(lang, "request.sent"));
    }
}
