package org.parley.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.store.Store;

/**
 * Which lists exist, as the listener asks at each RCPT: a list found in the store is taken
 * as known for a minute, so that a burst of posts costs no query a recipient, while an
 * address not known is looked up every time (a list created a moment ago, on this node or
 * another, takes mail at once). Lists are never removed today; the minute bounds how long a
 * node would go on taking mail for one that was.
 */
final class KnownLists {
    static final Duration KEPT = Duration.ofMinutes(1);

    private final Store store;
    private final Clock clock;
    /** Each list found, with when it was; only lists that exist, so as many entries as lists. */
    private final Map<String, Instant> found = new ConcurrentHashMap<>();

    KnownLists(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    boolean exists(String list) {
        Instant now = clock.instant();
        Instant at = found.get(list);
        if (at != null && now.isBefore(at.plus(KEPT))) {
            return true;
        }
        if (store.read(tx -> tx.rooms().list(list)).isEmpty()) {
            found.remove(list);
            return false;
        }
        found.put(list, now);
        return true;
    }
}
