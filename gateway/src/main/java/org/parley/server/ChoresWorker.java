package org.parley.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.parley.Forum;
import org.parley.worker.Worker;

/**
 * Runs the forum's timed work (escalations, and whatever else falls due with the clock
 * rather than with mail) every half minute; being in the store, nothing is lost by a restart.
 */
final class ChoresWorker extends Worker {
    private static final Duration EVERY = Duration.ofSeconds(30);

    private final Forum forum;
    private final Clock clock;
    private Instant next = Instant.MIN;

    ChoresWorker(Forum forum) {
        this.forum = forum;
        this.clock = forum.clock();
    }

    @Override
    public int runOnce() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return 0;
        }
        next = now.plus(EVERY);
        int done = forum.chores();
        if (done > 0) {
            forum.wakeUps().outbox();
        }
        return 0; // then sleep: the next round is due only in half a minute
    }
}
