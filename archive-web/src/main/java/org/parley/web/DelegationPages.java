package org.parley.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.parley.Forum;
import org.parley.delegation.FocalPoints;
import org.parley.model.Delegation;
import org.parley.model.Outcome;
import org.parley.model.Refusal;
import org.parley.model.Request;
import org.parley.requests.RequestDesk;

/**
 * A focal point's page: the members of their delegation with the lists each is on, their
 * posts of the last 90 days and their bounces, and the joins from the delegation's
 * addresses that wait for them. Nobody else has the page.
 */
final class DelegationPages {
    /** The page: the delegation's name, its members and the requests waiting for its focal points. */
    record DelegationPage(String delegation, String name, List<FocalPoints.Participant> members, List<Request> waiting,
                          Optional<String> done) {
    }

    private final Forum forum;
    private final Views views;

    DelegationPages(Forum forum, Views views) {
        this.forum = forum;
        this.views = views;
    }

    private static String delegation(Viewer v) {
        if (!v.member().focalPoint() || Delegation.kind(v.member().delegation()) != Delegation.Kind.MEMBER_STATE) {
            throw new NotFoundResponse();
        }
        return v.member().delegation();
    }

    void show(Context ctx, Viewer v) {
        String delegation = delegation(v);
        String lang = v.language();
        DelegationPage page = forum.store().read(tx -> new DelegationPage(delegation, Delegation.name(delegation, lang),
                forum.focalPoints().participants(tx, delegation), tx.requests().forFocalPoints(delegation, 100),
                Optional.ofNullable(ctx.queryParam("done"))));
        views.show(ctx, "delegation", views.frame(ctx, v, views.t(lang, "delegation.title", page.name())), page);
    }

    void decide(Context ctx, Viewer v) {
        delegation(v);
        long id = ArchivePages.parseLong(ctx.pathParam("id"));
        boolean accept = "accept".equals(ctx.formParam("action"));
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("").strip();
        Outcome<RequestDesk.Decided> outcome = forum.store().write(tx -> forum.requests().endorse(tx, id, accept, reason,
                v.member()));
        if (outcome instanceof Refusal<RequestDesk.Decided> refused && refused.why().equals("refused.not-focal-point")) {
            throw new NotFoundResponse(); // another delegation's request, or none: nothing to show
        }
        forum.wakeUps().outbox();
        String message = DiscussionPages.said(forum, views, v.language(), outcome,
                accept ? "action.endorse" : "action.decline");
        ctx.redirect("/delegation?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }
}
