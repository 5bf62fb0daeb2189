package org.parley.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.parley.Forum;
import org.parley.model.Channel;
import org.parley.model.Tokens;

/**
 * The link in a "delivery stopped" warning: a GET shows a button (a mail scanner that follows
 * links changes nothing), the POST turns the list's delivery to that address on again.
 */
final class ReenablePages {
    /** The button, and the list it names. */
    record ConfirmPage(String token, String list) {
    }

    private final Forum forum;
    private final Views views;
    private final AccountPages accounts;

    ReenablePages(Forum forum, Views views, AccountPages accounts) {
        this.forum = forum;
        this.views = views;
        this.accounts = accounts;
    }

    private Frame frame(Context ctx) {
        String lang = accounts.anonymousLanguage(ctx);
        return views.frame(ctx, lang, views.t(lang, "reenable.title"), null);
    }

    /** The list and the address the token names; a 404 page for a token that names none. */
    private Optional<String[]> target(Context ctx, Frame frame) {
        Tokens.Check check = forum.tokens().check(Tokens.Purpose.REENABLE, ctx.pathParam("token"), forum.clock().instant());
        Optional<String[]> target = check instanceof Tokens.Check.Valid valid
                ? forum.store().read(tx -> tx.members().subscriptionTarget(valid.subject())) : Optional.empty();
        if (target.isEmpty()) {
            views.notice(ctx, 404, frame, Notice.error(frame.t("reenable.invalid")));
        }
        return target;
    }

    void confirm(Context ctx) {
        Frame frame = frame(ctx);
        target(ctx, frame).ifPresent(t -> views.show(ctx, "reenable", frame, new ConfirmPage(ctx.pathParam("token"), t[0])));
    }

    void reenable(Context ctx) {
        Frame frame = frame(ctx);
        Optional<String[]> target = target(ctx, frame);
        if (target.isEmpty()) {
            return;
        }
        String list = target.get()[0];
        String email = target.get()[1];
        forum.store().run(tx -> tx.members().find(email)
                .ifPresent(m -> forum.bounceScoring().enable(tx, m, list, email, Channel.WEB)));
        views.notice(ctx, 200, frame, Notice.done("", views.t(frame.lang(), "reenable.done", list)));
    }
}
