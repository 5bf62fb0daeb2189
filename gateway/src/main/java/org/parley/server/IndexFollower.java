package org.parley.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.parley.search.SearchIndex;
import org.parley.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's search index up with posts that other nodes sharing the store archive
 * or erase, every ten seconds. The first round looks at every erasure there has been, so a
 * node that was down while a post was erased drops it too.
 */
final class IndexFollower extends Worker {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);
    private static final Duration EVERY = Duration.ofSeconds(10);
    /** Nodes' clocks differ a little: erasures are looked at again from this long before. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    /**
     * Posts archived this recently are left for the next round: this node's own are on
     * their way into the index, and taking them here would index them twice.
     */
    private static final Duration SETTLING = Duration.ofSeconds(10);

    private final SearchIndex index;
    private final Clock clock;
    private Instant erasedSince = Instant.EPOCH;

    IndexFollower(SearchIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    @Override
    public int runOnce() {
        if (!due(clock, EVERY)) {
            return 0;
        }
        Instant now = clock.instant();
        long changed = index.follow(now.minus(SETTLING), erasedSince);
        erasedSince = now.minus(SKEW);
        if (changed > 0) {
            LOG.info("search index followed the store changed={}", changed);
        }
        return 0;
    }
}
