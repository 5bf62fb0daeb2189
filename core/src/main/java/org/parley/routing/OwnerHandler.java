package org.parley.routing;

import java.util.List;
import org.parley.distribution.Outgoing;
import org.parley.inbound.Post;
import org.parley.model.ForumList;
import org.parley.model.Member;
import org.parley.store.Tx;

/** Mail to {@code LIST-owner@} reaches the list's moderators, as it was written. */
public final class OwnerHandler {
    private final Outgoing outgoing;
    private final String domain;

    public OwnerHandler(Outgoing outgoing, String domain) {
        this.outgoing = outgoing;
        this.domain = domain;
    }

    String handle(Tx tx, Post post, byte[] raw, ForumList list) {
        if (post.headers().loopsThrough(domain)) {
            return "discarded: loop";
        }
        List<String> moderators = tx.members().moderators(list.language()).stream().map(Member::email).toList();
        outgoing.forward(tx, list.name(), raw, moderators);
        return "forwarded to " + moderators.size() + " moderators";
    }
}
