package org.parley.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.parley.Forum;
import org.parley.store.Leases;
import org.parley.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the forum's timed work (escalations, and whatever else falls due with the clock
 * rather than with mail) every half minute; being in the store, nothing is lost by a restart.
 * Where several nodes share the store, the one holding the chores' lease runs them: it renews
 * the lease each round, and another node takes over within {@link #LEASE} of its death.
 */
final class ChoresWorker extends Worker {
    private static final Logger LOG = LoggerFactory.getLogger(ChoresWorker.class);
    private static final Duration EVERY = Duration.ofSeconds(30);
    static final Duration LEASE = Duration.ofMinutes(2);

    private final Forum forum;
    private final Clock clock;
    private final String owner;
    private boolean holding;

    ChoresWorker(Forum forum, String owner) {
        this.forum = forum;
        this.clock = forum.clock();
        this.owner = owner;
    }

    String owner() {
        return owner;
    }

    @Override
    public int runOnce() {
        if (!due(clock, EVERY)) {
            return 0;
        }
        Instant now = clock.instant();
        boolean mine = forum.store().write(tx -> tx.leases().take(Leases.CHORES, owner, now, now.plus(LEASE)));
        if (mine != holding) {
            LOG.info("chores {} owner={}", mine ? "run by this node" : "run by another node", owner);
            holding = mine;
        }
        if (!mine) {
            return 0;
        }
        int done = forum.chores();
        if (done > 0) {
            forum.wakeUps().outbox();
        }
        return 0; // then sleep: the next round is due only in half a minute
    }
}
