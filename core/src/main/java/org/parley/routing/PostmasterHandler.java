package org.parley.routing;

import java.util.List;
import java.util.Locale;
import org.parley.distribution.Outgoing;
import org.parley.distribution.Personalisation;
import org.parley.inbound.Post;
import org.parley.model.Member;
import org.parley.store.Tx;

/**
 * Mail to {@code postmaster@} the forum's domain, which every mail domain must accept
 * (RFC 5321 4.5.1): passed on as it was written to the people who run the forum.
 */
public final class PostmasterHandler {
    private final Outgoing outgoing;
    private final String domain;

    public PostmasterHandler(Outgoing outgoing, String domain) {
        this.outgoing = outgoing;
        this.domain = domain;
    }

    /** Whether an envelope recipient is the postmaster (with the forum's domain, or bare as RFC 5321 allows). */
    boolean isPostmaster(String recipient) {
        String r = recipient.toLowerCase(Locale.ROOT);
        return r.equals("postmaster") || r.equals("postmaster@" + domain.toLowerCase(Locale.ROOT));
    }

    String handle(Tx tx, Post post, byte[] raw) {
        if (post.headers().loopsThrough(domain)) {
            return "discarded: loop";
        }
        List<String> administrators = tx.members().administrators().stream().map(Member::email).toList();
        if (administrators.isEmpty()) {
            return "kept: no administrator or moderator to pass postmaster mail to";
        }
        outgoing.forward(tx, Personalisation.FORUM, raw, administrators);
        return "forwarded to postmaster: " + administrators.size() + " administrators";
    }
}
