package org.parley.web;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.parley.Forum;
import org.parley.people.Delivery;
import org.parley.people.Subscription;

/** A member's own settings: language, time zone, delivery per list, password. */
final class SettingsPages {
    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;
    private final AccountPages accounts;

    SettingsPages(Forum forum, Auth auth, I18n i18n, AccountPages accounts) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
        this.accounts = accounts;
    }

    void show(Context ctx, Viewer v) {
        show(ctx, v, Optional.ofNullable(ctx.queryParam("saved")).map(s -> i18n.t(v.language(), "settings.saved")).orElse(""), "");
    }

    private void show(Context ctx, Viewer v, String notice, String passwordError) {
        String lang = v.language();
        String csrf = auth.csrf(ctx);
        List<Subscription> subscriptions = forum.store().read(tx -> tx.members().subscriptions(v.member().id()));
        StringBuilder body = new StringBuilder("<h1>").append(Html.esc(i18n.t(lang, "settings.title"))).append("</h1>");
        if (!notice.isEmpty()) {
            body.append("<p class=\"notice\" id=\"message\">").append(Html.esc(notice)).append("</p>");
        }
        body.append("<form class=\"stack\" method=\"post\" action=\"/settings\">").append(Page.csrfField(csrf))
                .append("<label>").append(Html.esc(i18n.t(lang, "settings.language"))).append("<select name=\"language\" id=\"language\">");
        for (String l : forum.settings().languages()) {
            body.append("<option value=\"").append(l).append(l.equals(lang) ? "\" selected>" : "\">")
                    .append(Html.esc(java.util.Locale.forLanguageTag(l).getDisplayLanguage(java.util.Locale.forLanguageTag(l))))
                    .append("</option>");
        }
        body.append("</select></label><label>").append(Html.esc(i18n.t(lang, "settings.timezone")))
                .append("<select name=\"zone\" id=\"zone\">");
        for (String z : ZONES) {
            body.append("<option").append(z.equals(v.zone().getId()) ? " selected>" : ">").append(Html.esc(z)).append("</option>");
        }
        body.append("</select></label><fieldset><legend>").append(Html.esc(i18n.t(lang, "settings.delivery"))).append("</legend>");
        for (Subscription s : subscriptions) {
            body.append("<label><input type=\"checkbox\" name=\"deliver\" value=\"").append(Html.esc(s.list())).append("\"")
                    .append(s.delivery() == Delivery.EACH ? " checked" : "").append("> ").append(Html.esc(s.list()))
                    .append("</label><br>");
        }
        body.append("</fieldset><button type=\"submit\" id=\"save-settings\">").append(Html.esc(i18n.t(lang, "settings.save")))
                .append("</button></form>")
                .append(accounts.passwordForm(lang, "/settings/password", csrf, true, passwordError));
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "settings.title"), v, csrf, body.toString()));
    }

    void save(Context ctx, Viewer v) {
        String language = Optional.ofNullable(ctx.formParam("language")).filter(forum.settings().languages()::contains)
                .orElse(v.language());
        String zone = Optional.ofNullable(ctx.formParam("zone")).filter(ZONES::contains).orElse(v.zone().getId());
        List<String> deliver = ctx.formParams("deliver");
        forum.store().run(tx -> {
            tx.members().updatePreferences(v.member().id(), language, zone);
            for (Subscription s : tx.members().subscriptions(v.member().id())) {
                Delivery wanted = deliver.contains(s.list()) ? Delivery.EACH : Delivery.NONE;
                if (wanted != s.delivery()) {
                    tx.members().subscribe(v.member().id(), s.list(), wanted, forum.clock().instant());
                }
            }
        });
        ctx.redirect("/settings?saved=1");
    }

    void changePassword(Context ctx, Viewer v) {
        String lang = v.language();
        String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
        boolean ok = forum.store().read(tx -> tx.access().passwordHash(v.member().id()))
                .map(h -> Passwords.check(current, h)).orElse(false);
        if (!ok) {
            auth.failed(v.member().email(), ctx.ip());
            ctx.status(400);
            show(ctx, v, "", i18n.t(lang, "password.wrongCurrent"));
            return;
        }
        Optional<String> weak = AccountPages.weakness(ctx.formParam("password"), ctx.formParam("repeat"));
        if (weak.isPresent()) {
            ctx.status(400);
            show(ctx, v, "", i18n.t(lang, weak.get(), Passwords.MIN_LENGTH));
            return;
        }
        String hash = Passwords.hash(ctx.formParam("password"));
        forum.store().run(tx -> {
            tx.access().setPasswordHash(v.member().id(), hash);
            tx.access().deleteSessionsOf(v.member().id(), v.sessionHash());
        });
        show(ctx, v, i18n.t(lang, "password.saved"), "");
    }
}
