package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;
import org.parley.model.Member;

/** Holds posts from members who are not trusted; the forum is moderated by default. */
final class ModerateUntrusted implements Rule {
    @Override
    public String name() {
        return "moderated";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return list.sender().map(Member::postsFreely).orElse(false)
                ? Optional.empty()
                : Optional.of(new Decision.Hold(HoldReason.MODERATED));
    }
}
