package org.parley.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.parley.Forum;
import org.parley.store.Store;

/**
 * For load balancers and systemd: {@code /healthz} says the process answers, {@code /readyz}
 * that it can do its work: the store answers, the workers run, and the outbox is not stuck
 * (no copy due for longer than {@link #STUCK}). Plain text, one line per failing check.
 */
final class Health {
    static final Duration STUCK = Duration.ofMinutes(15);

    private final Forum forum;
    private final BooleanSupplier workersAlive;

    Health(Forum forum, BooleanSupplier workersAlive) {
        this.forum = forum;
        this.workersAlive = workersAlive;
    }

    void alive(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result("ok\n");
    }

    void ready(Context ctx) {
        List<String> failing = new ArrayList<>();
        try {
            Optional<Instant> oldest = forum.store().read(tx -> tx.outbox().oldestDue());
            Instant now = forum.clock().instant();
            if (oldest.isPresent() && oldest.get().isBefore(now.minus(STUCK))) {
                failing.add("outbox: a copy has been due since " + oldest.get() + " (is the relay at "
                        + forum.settings().outbound().host() + ":" + forum.settings().outbound().port() + " up?)");
            }
        } catch (RuntimeException e) {
            failing.add("store: " + Store.rootMessage(e));
        }
        if (!workersAlive.getAsBoolean()) {
            failing.add("workers: a worker thread has stopped (see the log)");
        }
        ctx.contentType("text/plain; charset=utf-8").status(failing.isEmpty() ? 200 : 503)
                .result(failing.isEmpty() ? "ready\n" : String.join("\n", failing) + "\n");
    }
}
