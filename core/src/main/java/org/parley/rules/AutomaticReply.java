package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;

/** Auto-replies, bounces and bulk mail (RFC 3834) are never distributed to a list. */
final class AutomaticReply implements Rule {
    @Override
    public String name() {
        return "automatic";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return post.automatic() ? Optional.of(new Decision.Discard(HoldReason.AUTOMATIC)) : Optional.empty();
    }
}
