package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;
import org.parley.model.Discussion;

/** A post to the threads of a closed discussion waits for a moderator, whoever sent it. */
final class ClosedDiscussion implements Rule {
    @Override
    public String name() {
        return "discussion-closed";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return list.discussion().filter(d -> d.state() == Discussion.State.CLOSED).isPresent()
                ? Optional.of(new Decision.Hold(HoldReason.DISCUSSION_CLOSED))
                : Optional.empty();
    }
}
