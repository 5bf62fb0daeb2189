package org.parley.rules;

import java.util.Optional;
import org.parley.discussion.Discussion;

/** A post to the threads of a closed discussion waits for a moderator, whoever sent it. */
final class ClosedDiscussion implements Rule {
    @Override
    public String name() {
        return "discussion-closed";
    }

    @Override
    public Optional<Decision> judge(org.parley.inbound.Post post, ListContext list) {
        return list.discussion().filter(d -> d.state() == Discussion.State.CLOSED).isPresent()
                ? Optional.of(new Decision.Hold(HoldReason.DISCUSSION_CLOSED))
                : Optional.empty();
    }
}
