package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;
import org.parley.model.NonMemberAction;

/** Only members of the list post to it; others are held or refused, as the list (or else the forum) is set. */
final class NonMember implements Rule {
    @Override
    public String name() {
        return "non-member";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        boolean member = list.subscription().isPresent()
                || list.sender().map(m -> m.role().moderates()).orElse(false);
        if (member) {
            return Optional.empty();
        }
        NonMemberAction action = list.list().nonMember().orElse(list.moderation().nonMember());
        return Optional.of(action == NonMemberAction.REJECT
                ? new Decision.Reject(HoldReason.NOT_MEMBER)
                : new Decision.Hold(HoldReason.NOT_MEMBER));
    }
}
