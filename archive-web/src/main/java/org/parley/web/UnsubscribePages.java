package org.parley.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.parley.Forum;
import org.parley.moderation.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 8058 one-click unsubscribe: a POST to the List-Unsubscribe URL of a list copy ends that
 * subscription; a GET (a person, or a mail scanner) only shows a button.
 */
final class UnsubscribePages {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribePages.class);

    private final Forum forum;
    private final Auth auth;
    private final I18n i18n;
    private final AccountPages accounts;

    UnsubscribePages(Forum forum, Auth auth, I18n i18n, AccountPages accounts) {
        this.forum = forum;
        this.auth = auth;
        this.i18n = i18n;
        this.accounts = accounts;
    }

    /** A one-click link names a delivered copy; a "leave" confirmation names the subscription. */
    private Optional<String[]> target(String token) {
        Tokens.Check check = forum.tokens().check(Tokens.Purpose.UNSUBSCRIBE, token, forum.clock().instant());
        if (check instanceof Tokens.Check.Valid valid) {
            return forum.store().read(tx -> tx.outbox().listAndRecipient(org.parley.distribution.CopyKey.of(valid.subject())));
        }
        Tokens.Check leave = forum.tokens().check(Tokens.Purpose.LEAVE, token, forum.clock().instant());
        if (leave instanceof Tokens.Check.Valid valid) {
            return forum.store().read(tx -> tx.members().subscriptionTarget(valid.subject()));
        }
        return Optional.empty();
    }

    void confirm(Context ctx) {
        String lang = accounts.anonymousLanguage(ctx);
        String token = ctx.pathParam("token");
        Optional<String[]> target = target(token);
        String body = target.map(t -> "<h1>" + Html.esc(i18n.t(lang, "unsubscribe.title")) + "</h1><form method=\"post\" action=\"/unsubscribe/"
                + Html.esc(token) + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\" id=\"unsubscribe\">" + Html.esc(i18n.t(lang, "unsubscribe.confirm", t[0])) + "</button></form>")
                .orElse("<p class=\"error\">" + Html.esc(i18n.t(lang, "unsubscribe.invalid")) + "</p>");
        ctx.status(target.isPresent() ? 200 : 404).html(Page.render(i18n, lang, i18n.t(lang, "unsubscribe.title"), null,
                auth.csrf(ctx), body));
    }

    void unsubscribe(Context ctx) {
        String lang = accounts.anonymousLanguage(ctx);
        Optional<String[]> target = target(ctx.pathParam("token"));
        if (target.isEmpty()) {
            ctx.status(404).html(Page.render(i18n, lang, i18n.t(lang, "unsubscribe.title"), null, auth.csrf(ctx),
                    "<p class=\"error\">" + Html.esc(i18n.t(lang, "unsubscribe.invalid")) + "</p>"));
            return;
        }
        String list = target.get()[0];
        String recipient = target.get()[1];
        forum.store().run(tx -> tx.members().find(recipient).ifPresent(m -> tx.members().unsubscribe(m.id(), list)));
        LOG.info("unsubscribed one-click list={} member={}", list, recipient);
        ctx.html(Page.render(i18n, lang, i18n.t(lang, "unsubscribe.title"), null, auth.csrf(ctx),
                "<p class=\"notice\" id=\"message\">" + Html.esc(i18n.t(lang, "unsubscribe.done", list)) + "</p>"));
    }
}
