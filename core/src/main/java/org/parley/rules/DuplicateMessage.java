package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;

/** The same Message-ID twice on a list is a resend or a loop: the first copy stands. */
final class DuplicateMessage implements Rule {
    @Override
    public String name() {
        return "duplicate";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return list.seenBefore() ? Optional.of(new Decision.Discard(HoldReason.DUPLICATE)) : Optional.empty();
    }
}
