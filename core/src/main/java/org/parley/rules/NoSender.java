package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;

/** Without a From address nobody can be asked or answered: a moderator looks at it. */
final class NoSender implements Rule {
    @Override
    public String name() {
        return "no-sender";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        return post.fromAddress().isEmpty() ? Optional.of(new Decision.Hold(HoldReason.NO_SENDER)) : Optional.empty();
    }
}
