package org.parley.rules;

import java.util.List;

/** What the moderation chain decides about a post. */
public sealed interface Decision {

    /** Distribute it. */
    record Accept() implements Decision {
    }

    /** Keep it for a moderator, with the reasons. */
    record Hold(List<HoldReason> reasons) implements Decision {
        public Hold {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a hold needs a reason");
            }
            reasons = List.copyOf(reasons);
        }

        public Hold(HoldReason reason) {
            this(List.of(reason));
        }
    }

    /** Send it back to its author with a reason. */
    record Reject(HoldReason reason) implements Decision {
    }

    /** Drop it silently (it stays in the store, marked). */
    record Discard(HoldReason reason) implements Decision {
    }
}
