package org.parley.rules;

import java.util.Optional;
import org.parley.inbound.Post;

/** One question about a post. A rule only looks; it never changes the message. */
public interface Rule {
    /** A short kebab-case name for logs and the X-Parley-Rule-Hits header. */
    String name();

    /** A decision when the rule applies, else empty and the chain goes on. */
    Optional<Decision> judge(Post post, ListContext list);
}
