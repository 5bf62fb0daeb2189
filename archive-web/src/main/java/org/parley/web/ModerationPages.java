package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.Forum;
import org.parley.inbound.PostParser;
import org.parley.model.AuditEntry;
import org.parley.model.Channel;
import org.parley.model.ForumList;
import org.parley.model.HeldMessage;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.moderation.Action;
import org.parley.moderation.HoldQueue;
import org.parley.rules.HoldReason;

/** The hold queue and the audit log, for moderators; decisions go through the same HoldQueue as replies. */
final class ModerationPages {
    private static final int PREVIEW = 400;

    static final List<String> ACTIONS = List.of("approve", "approve-all", "reject", "discard");
    static final List<String> AUDIT_COLUMNS = List.of("audit.when", "audit.who", "audit.what", "moderation.list",
            "moderation.reason", "audit.channel", "audit.outcome");

    /** A held post as a moderator sees it: why it waits, how long, and the start of its text. */
    record Held(HeldMessage held, String reasons, String age, List<MailText.Segment> preview) {
    }

    /** The posts waiting for this moderator's languages, with what the last decision said. */
    record QueuePage(List<Held> held, Optional<String> done) {
    }

    /** The latest decisions and refusals. */
    record AuditPage(List<AuditEntry> entries) {
    }

    private final Forum forum;
    private final Views views;

    ModerationPages(Forum forum, Views views) {
        this.forum = forum;
        this.views = views;
    }

    void queue(Context ctx, Viewer v) {
        v.requireModerator();
        String lang = v.language();
        views.show(ctx, "moderation", views.frame(ctx, v, views.t(lang, "moderation.title")),
                new QueuePage(held(v), Optional.ofNullable(ctx.queryParam("done"))));
    }

    /** One read: the pending posts of the moderator's languages, each with the start of its text. */
    private List<Held> held(Viewer v) {
        String lang = v.language();
        Instant now = forum.clock().instant();
        PostParser parser = new PostParser(forum.settings().domain());
        return forum.store().read(tx -> {
            Map<String, String> languages = tx.rooms().lists().stream()
                    .collect(Collectors.toMap(ForumList::name, ForumList::language));
            List<Held> out = new ArrayList<>();
            for (HeldMessage h : tx.held().pending(Optional.empty(), 0, 200)) {
                if (!v.member().moderates(languages.getOrDefault(h.list(), ""))) {
                    continue;
                }
                String preview = tx.arrivals().raw(h.arrivalId()).map(raw -> parser.parse(raw).text()).orElse("");
                preview = preview.length() > PREVIEW ? preview.substring(0, PREVIEW) + "…" : preview;
                out.add(new Held(h, reasons(h, lang), age(views.i18n(), lang, h.heldAt(), now), MailText.segments(preview)));
            }
            return out;
        });
    }

    /** Each list's language, to show a moderator only the lists of their languages. */
    private Map<String, String> listLanguages() {
        return forum.store().read(tx -> tx.rooms().lists()).stream()
                .collect(Collectors.toMap(ForumList::name, ForumList::language));
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
        Outcome<HeldMessage> outcome = forum.decide(id, action, v.member().email(), Channel.WEB, reason, all);
        String lang = v.language();
        String message = outcome instanceof Refusal<HeldMessage> refused
                ? views.t(lang, "moderation.refused", forum.templates().phrase(refused.why(), List.of(lang, "en"),
                        Map.of("state", refused.values().getOrDefault("state", ""), "by", refused.values().getOrDefault("by", ""))))
                : views.t(lang, "moderation.done", forum.templates().phrase("action." + (all ? "approve-all" : action.label()),
                        List.of(lang, "en"), Map.of()));
        ctx.redirect("/moderation?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    void audit(Context ctx, Viewer v) {
        v.requireModerator();
        views.show(ctx, "audit", views.frame(ctx, v, views.t(v.language(), "audit.title")),
                new AuditPage(forum.store().read(tx -> tx.audit().recent(0, 200))));
    }
}
