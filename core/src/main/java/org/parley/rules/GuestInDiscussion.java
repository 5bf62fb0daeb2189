package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;
import org.parley.model.Discussion;
import org.parley.model.Role;

/**
 * A guest posts only in the threads of the discussion they were invited to, and every
 * such post is held; anywhere else, or once their access has ended, the post is refused
 * with a polite word.
 */
final class GuestInDiscussion implements Rule {
    @Override
    public String name() {
        return "guest";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        if (list.sender().map(m -> m.role() != Role.GUEST).orElse(true)) {
            return Optional.empty();
        }
        if (list.invitation().isEmpty() || !list.invitation().get().active()) {
            return Optional.of(new Decision.Reject(HoldReason.GUEST_ENDED));
        }
        boolean inside = list.discussion().filter(d -> d.id() == list.invitation().get().discussionId()).isPresent();
        if (!inside) {
            return Optional.of(new Decision.Reject(HoldReason.GUEST_OUTSIDE));
        }
        if (list.discussion().get().state() == Discussion.State.CLOSED) {
            return Optional.of(new Decision.Reject(HoldReason.GUEST_ENDED));
        }
        return Optional.of(new Decision.Hold(HoldReason.GUEST));
    }
}
