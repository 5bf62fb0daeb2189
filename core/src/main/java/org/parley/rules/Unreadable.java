package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;

/** A message the parser could not read is held raw for a moderator, never dropped. */
final class Unreadable implements Rule {
    @Override
    public String name() {
        return "unreadable";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return post.problems().stream().anyMatch(p -> p.startsWith("unparseable"))
                ? Optional.of(new Decision.Hold(HoldReason.UNREADABLE))
                : Optional.empty();
    }
}
