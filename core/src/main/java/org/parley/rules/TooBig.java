package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;

/** Posts over the list's size limit wait for a moderator instead of filling every mailbox. */
final class TooBig implements Rule {
    @Override
    public String name() {
        return "too-big";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return post.size() > list.moderation().maxPostBytes()
                ? Optional.of(new Decision.Hold(HoldReason.TOO_BIG))
                : Optional.empty();
    }
}
