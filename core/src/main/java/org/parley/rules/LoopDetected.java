package org.parley.rules;

import java.util.Locale;
import java.util.Optional;
import org.parley.inbound.Post;

/**
 * A message that already went through one of our lists (our List-Id, or our loop header)
 * must not go round again, whichever language list of whichever room it came from.
 */
final class LoopDetected implements Rule {
    @Override
    public String name() {
        return "loop";
    }

    @Override
    public Optional<Decision> judge(Post post, ListContext list) {
        String ours = "." + list.domain() + ">";
        boolean looped = post.headers().listIds().stream().anyMatch(id -> id.toLowerCase(Locale.ROOT).endsWith(ours))
                || post.headers().loopsThrough(list.domain());
        return looped ? Optional.of(new Decision.Discard(HoldReason.LOOP)) : Optional.empty();
    }
}
