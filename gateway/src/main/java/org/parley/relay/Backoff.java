package org.parley.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When to try a temporarily failed delivery again, and when to give up. */
record Backoff(List<Duration> delays, Duration giveUpAfter) {

    /** The next attempt after the given number of failed ones, or empty to give up. */
    Optional<Instant> next(int failedAttempts, Instant created, Instant now) {
        if (!now.isBefore(created.plus(giveUpAfter))) {
            return Optional.empty();
        }
        Duration delay = delays.get(Math.min(failedAttempts, delays.size()) - 1);
        return Optional.of(now.plus(delay));
    }
}
