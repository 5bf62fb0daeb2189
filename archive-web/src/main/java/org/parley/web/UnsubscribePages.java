package org.parley.web;

import io.javalin.http.Context;
import java.util.Optional;
import org.parley.Forum;
import org.parley.delegation.FocalPoints;
import org.parley.model.CopyKey;
import org.parley.model.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 8058 one-click unsubscribe: a POST to the List-Unsubscribe URL of a list copy ends that
 * subscription; a GET (a person, or a mail scanner) only shows a button.
 */
final class UnsubscribePages {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribePages.class);

    /** The button that ends a subscription, and the list it names. */
    record ConfirmPage(String token, String list) {
    }

    private final Forum forum;
    private final Views views;
    private final AccountPages accounts;

    UnsubscribePages(Forum forum, Views views, AccountPages accounts) {
        this.forum = forum;
        this.views = views;
        this.accounts = accounts;
    }

    /** A one-click link names a delivered copy; a "leave" confirmation names the subscription. */
    private Optional<String[]> target(String token) {
        Tokens.Check check = forum.tokens().check(Tokens.Purpose.UNSUBSCRIBE, token, forum.clock().instant());
        if (check instanceof Tokens.Check.Valid valid) {
            return forum.store().read(tx -> tx.outbox().listAndRecipient(CopyKey.of(valid.subject())));
        }
        Tokens.Check leave = forum.tokens().check(Tokens.Purpose.LEAVE, token, forum.clock().instant());
        if (leave instanceof Tokens.Check.Valid valid) {
            return forum.store().read(tx -> tx.members().subscriptionTarget(valid.subject()));
        }
        return Optional.empty();
    }

    private Frame frame(Context ctx) {
        String lang = accounts.anonymousLanguage(ctx);
        return views.frame(ctx, lang, views.t(lang, "unsubscribe.title"), null);
    }

    /** The list and the member a token names; a 404 page for a token that names none. */
    private Optional<String[]> targetOrNotFound(Context ctx, Frame frame) {
        Optional<String[]> target = target(ctx.pathParam("token"));
        if (target.isEmpty()) {
            views.notice(ctx, 404, frame, Notice.error(frame.t("unsubscribe.invalid")));
        }
        return target;
    }

    void confirm(Context ctx) {
        Frame frame = frame(ctx);
        targetOrNotFound(ctx, frame).ifPresent(t ->
                views.show(ctx, "unsubscribe", frame, new ConfirmPage(ctx.pathParam("token"), t[0])));
    }

    void unsubscribe(Context ctx) {
        Frame frame = frame(ctx);
        Optional<String[]> target = targetOrNotFound(ctx, frame);
        if (target.isEmpty()) {
            return;
        }
        String lang = frame.lang();
        String list = target.get()[0];
        String recipient = target.get()[1];
        forum.store().run(tx -> tx.members().find(recipient).filter(m -> tx.members().unsubscribe(m.id(), list))
                .ifPresent(m -> tx.rooms().list(list).ifPresent(l ->
                        forum.focalPoints().tell(tx, m, l, FocalPoints.Event.LEFT))));
        forum.wakeUps().outbox();
        LOG.info("unsubscribed one-click list={} member={}", list, recipient);
        views.notice(ctx, 200, frame, Notice.done("", views.t(lang, "unsubscribe.done", list)));
    }
}
