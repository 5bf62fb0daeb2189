package org.parley.web;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.parley.Forum;
import org.parley.model.Channel;
import org.parley.model.Delivery;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.model.Request;
import org.parley.model.Subscription;

/** A member's own settings: language, time zone, delivery per list, password. */
final class SettingsPages {
    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    /** One option of a select. */
    record Choice(String value, String label, boolean selected) {
    }

    /** The member's settings as they stand, with what the last save said. */
    record SettingsPage(List<Choice> languages, List<String> zones, String zone, List<Subscription> subscriptions,
                        String notice, AccountPages.PasswordForm password) {
    }

    private final Forum forum;
    private final Auth auth;
    private final Views views;

    SettingsPages(Forum forum, Auth auth, Views views) {
        this.forum = forum;
        this.auth = auth;
        this.views = views;
    }

    void show(Context ctx, Viewer v) {
        show(ctx, v, 200, Optional.ofNullable(ctx.queryParam("saved")).map(s -> views.t(v.language(), "settings.saved")).orElse(""), "");
    }

    private void show(Context ctx, Viewer v, int status, String notice, String passwordError) {
        String lang = v.language();
        List<Subscription> subscriptions = forum.store().read(tx -> tx.members().subscriptions(v.member().id()));
        List<Choice> languages = forum.settings().languages().stream().map(l -> new Choice(l,
                Locale.forLanguageTag(l).getDisplayLanguage(Locale.forLanguageTag(l)), l.equals(lang))).toList();
        views.show(ctx, status, "settings", views.frame(ctx, v, views.t(lang, "settings.title")), new SettingsPage(languages, ZONES,
                v.zone().getId(), subscriptions, notice, new AccountPages.PasswordForm("/settings/password", true, passwordError)));
    }

    void save(Context ctx, Viewer v) {
        String language = Optional.ofNullable(ctx.formParam("language")).filter(forum.settings().languages()::contains)
                .orElse(v.language());
        String zone = Optional.ofNullable(ctx.formParam("zone")).filter(ZONES::contains).orElse(v.zone().getId());
        List<String> deliver = ctx.formParams("deliver");
        forum.store().run(tx -> {
            tx.members().updatePreferences(v.member().id(), language, zone);
            for (Subscription s : tx.members().subscriptions(v.member().id())) {
                // A digest reader who keeps the box ticked keeps their digest.
                Delivery wanted = !deliver.contains(s.list()) ? Delivery.NONE
                        : s.delivery() == Delivery.NONE ? Delivery.EACH : s.delivery();
                if (wanted != s.delivery()) {
                    tx.members().subscribe(v.member().id(), s.list(), wanted, forum.clock().instant());
                }
            }
        });
        ctx.redirect("/settings?saved=1");
    }

    /** The member turns on again a list's delivery that bounces stopped: they read, so the address works. */
    void reenable(Context ctx, Viewer v) {
        String list = Optional.ofNullable(ctx.formParam("list")).orElse("");
        forum.store().run(tx -> forum.bounceScoring().enable(tx, v.member(), list, v.member().email(), Channel.WEB));
        ctx.redirect("/settings?saved=1");
    }

    /**
     * A member asks to leave the forum and be forgotten, with or without their posts: a
     * request to the moderators of their language (through a list of theirs in it, or any).
     */
    void askToBeForgotten(Context ctx, Viewer v) {
        Member me = v.member();
        String why = Optional.ofNullable(ctx.formParam("why")).orElse("").strip();
        boolean erasePosts = ctx.formParam("erase_posts") != null;
        forum.store().run(tx -> {
            List<ForumList> lists = tx.rooms().lists();
            Optional<ForumList> list = tx.members().subscriptions(me.id()).stream().map(Subscription::list)
                    .flatMap(l -> lists.stream().filter(x -> x.name().equals(l))).filter(l -> l.language().equals(me.language()))
                    .findFirst().or(() -> lists.stream().filter(l -> l.language().equals(me.language())).findFirst())
                    .or(() -> lists.stream().findFirst());
            list.ifPresent(l -> forum.requests().submit(tx, new Request(0, Request.Kind.FORGET, l.name(), me.email(),
                    me.name(), v.language(), "", why, "", "", "", 0, Request.State.PENDING, forum.clock().instant(), "", 0,
                    erasePosts), l));
        });
        forum.wakeUps().outbox();
        show(ctx, v, 200, views.t(v.language(), "request.sent"), "");
    }

    void changePassword(Context ctx, Viewer v) {
        String lang = v.language();
        String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
        boolean ok = forum.store().read(tx -> tx.access().passwordHash(v.member().id()))
                .map(h -> Passwords.check(current, h)).orElse(false);
        if (!ok) {
            auth.failed(v.member().email(), ctx.ip());
            show(ctx, v, 400, "", views.t(lang, "password.wrongCurrent"));
            return;
        }
        Optional<String> weak = AccountPages.weakness(ctx.formParam("password"), ctx.formParam("repeat"));
        if (weak.isPresent()) {
            show(ctx, v, 400, "", views.t(lang, weak.get(), Passwords.MIN_LENGTH));
            return;
        }
        String hash = Passwords.hash(ctx.formParam("password"));
        forum.store().run(tx -> {
            tx.access().setPasswordHash(v.member().id(), hash);
            tx.access().deleteSessionsOf(v.member().id(), v.sessionHash());
        });
        show(ctx, v, 200, views.t(lang, "password.saved"), "");
    }
}
