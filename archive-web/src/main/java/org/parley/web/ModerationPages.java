package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.Forum;
import org.parley.forum.ForumList;
import org.parley.inbound.PostParser;
import org.parley.moderation.Action;
import org.parley.moderation.AuditEntry;
import org.parley.moderation.Channel;
import org.parley.moderation.HeldMessage;
import org.parley.moderation.HoldQueue;
import org.parley.rules.HoldReason;

/** The hold queue and the audit log, for moderators; decisions go through the same HoldQueue as replies. */
final class ModerationPages {
    private static final int PREVIEW = 400;

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;

    ModerationPages(Forum forum, Auth auth, I18n i18n) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
    }

    void queue(Context ctx, Viewer v) {
        v.requireModerator();
        String lang = v.language();
        String csrf = auth.csrf(ctx);
        Map<String, String> languages = listLanguages();
        List<HeldMessage> held = forum.store().read(tx -> tx.held().pending(Optional.empty(), 0, 200)).stream()
                .filter(h -> v.member().moderates(languages.getOrDefault(h.list(), ""))).toList();
        StringBuilder body = new StringBuilder("<h1>").append(Html.esc(i18n.t(lang, "moderation.title"))).append("</h1>");
        Optional.ofNullable(ctx.queryParam("done")).ifPresent(d -> body.append("<p class=\"notice\" id=\"message\">")
                .append(Html.esc(d)).append("</p>"));
        if (held.isEmpty()) {
            body.append("<p class=\"muted\" id=\"empty\">").append(Html.esc(i18n.t(lang, "moderation.empty"))).append("</p>");
        }
        Instant now = forum.clock().instant();
        for (HeldMessage h : held) {
            String preview = forum.store().read(tx -> tx.arrivals().raw(h.arrivalId()))
                    .map(raw -> new PostParser(forum.settings().domain()).parse(raw).text()).orElse("");
            preview = preview.length() > PREVIEW ? preview.substring(0, PREVIEW) + "…" : preview;
            body.append("<section class=\"room held\" id=\"held-").append(h.id()).append("\"><h2>")
                    .append(Html.bidi(h.subject().isBlank() ? "(no subject)" : h.subject())).append("</h2><p class=\"muted\">")
                    .append(Html.esc(i18n.t(lang, "moderation.sender"))).append(": ").append(Html.bidi(h.sender())).append(" · ")
                    .append(Html.esc(i18n.t(lang, "moderation.list"))).append(": ").append(Html.esc(h.list())).append(" · ")
                    .append(Html.esc(i18n.t(lang, "moderation.reason"))).append(": ").append(Html.esc(reasons(h, lang)))
                    .append(" · ").append(Html.esc(i18n.t(lang, "moderation.age"))).append(": ").append(Html.esc(age(i18n, lang, h.heldAt(), now)))
                    .append("</p><div class=\"text\" dir=\"auto\">").append(Html.linkify(preview)).append("</div>")
                    .append("<form method=\"post\" action=\"/moderation/").append(h.id()).append("\">").append(Page.csrfField(csrf))
                    .append("<textarea name=\"reason\" placeholder=\"").append(Html.esc(i18n.t(lang, "moderation.reasonPlaceholder")))
                    .append("\"></textarea> ")
                    .append(button("approve", lang)).append(button("approve-all", lang)).append(button("reject", lang))
                    .append(button("discard", lang))
                    .append("</form></section>");
        }
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "moderation.title"), v, csrf, body.toString()));
    }

    /** Each list's language, to show a moderator only the lists of their languages. */
    private Map<String, String> listLanguages() {
        return forum.store().read(tx -> tx.rooms().lists()).stream()
                .collect(java.util.stream.Collectors.toMap(ForumList::name, ForumList::language));
    }

    private String button(String action, String lang) {
        return "<button type=\"submit\" name=\"action\" value=\"" + action + "\" class=\"" + action + "\">"
                + Html.esc(i18n.t(lang, "moderation." + action)) + "</button> ";
    }

    private String reasons(HeldMessage h, String lang) {
        return forum.holdQueue().reasonText(HoldReason.fromCodes(h.reasons()), List.of(lang, "en"));
    }

    /** How long a post has waited, in the reader's words and numbers. */
    static String age(I18n i18n, String lang, Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        return d.toDays() > 0 ? i18n.t(lang, "age.days", d.toDays())
                : d.toHours() > 0 ? i18n.t(lang, "age.hours", d.toHours())
                : i18n.t(lang, "age.minutes", Math.max(0, d.toMinutes()));
    }

    void decide(Context ctx, Viewer v) {
        v.requireModerator();
        long id = ArchivePages.parseLong(ctx.pathParam("id"));
        String asked = Optional.ofNullable(ctx.formParam("action")).orElse("");
        boolean all = asked.equals("approve-all");
        Action action;
        try {
            action = all ? Action.APPROVE : Action.valueOf(asked.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            ctx.status(400).result("unknown action");
            return;
        }
        Map<String, String> languages = listLanguages();
        forum.store().read(tx -> tx.held().find(id))
                .filter(h -> v.member().moderates(languages.getOrDefault(h.list(), "")))
                .orElseThrow(NotFoundResponse::new);
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
        HoldQueue.Outcome outcome = forum.store().write(tx ->
                forum.holdQueue().decide(tx, id, action, v.member().email(), Channel.WEB, reason, all));
        forum.wakeUps().outbox();
        String lang = v.language();
        String message = outcome instanceof HoldQueue.Outcome.Refused refused
                ? i18n.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"),
                        Map.of("state", refused.values().getOrDefault("state", ""), "by", refused.values().getOrDefault("by", ""))))
                : i18n.t(lang, "moderation.done", forum.templates().phrase("action." + (all ? "approve-all" : action.label()),
                        List.of(lang, "en"), Map.of()));
        ctx.redirect("/moderation?done=" + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8));
    }

    void audit(Context ctx, Viewer v) {
        v.requireModerator();
        String lang = v.language();
        List<AuditEntry> entries = forum.store().read(tx -> tx.audit().recent(0, 200));
        StringBuilder body = new StringBuilder("<h1>").append(Html.esc(i18n.t(lang, "audit.title")))
                .append("</h1><table id=\"audit\"><thead><tr>");
        for (String key : List.of("audit.when", "audit.who", "audit.what", "moderation.list", "moderation.reason",
                "audit.channel", "audit.outcome")) {
            body.append("<th>").append(Html.esc(i18n.t(lang, key))).append("</th>");
        }
        body.append("</tr></thead><tbody>");
        var format = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                .withLocale(Locale.forLanguageTag(lang)).withZone(v.zone());
        for (AuditEntry e : entries) {
            body.append("<tr><td>").append(Html.esc(format.format(e.at()))).append("</td><td>").append(Html.esc(e.actor()))
                    .append("</td><td>").append(Html.esc(e.verdict())).append(" #").append(e.heldId()).append("</td><td>")
                    .append(Html.esc(e.list())).append("</td><td>").append(Html.esc(e.reason())).append("</td><td>")
                    .append(Html.esc(e.channel().label())).append("</td><td>").append(Html.esc(e.outcome())).append("</td></tr>");
        }
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "audit.title"), v, auth.csrf(ctx), body.append("</tbody></table>").toString()));
    }
}
