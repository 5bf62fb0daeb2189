package org.parley.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background worker: does rounds of work, sleeps when a round found nothing until it is
 * woken or a second passes (so work that becomes due with time is found too), and never
 * dies of an error in one round.
 */
public abstract class Worker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private Instant next = Instant.MIN;

    /** Does one round; returns how many items it handled. Tests call it directly. */
    public abstract int runOnce();

    /** Called when the worker goes idle or stops, e.g. to close a connection. */
    protected void idle() {
    }

    public final void wakeUp() {
        wake.release();
    }

    public final void stop() {
        running = false;
        wake.release();
    }

    protected final boolean running() {
        return running;
    }

    /** For work done every so often: whether a round is due now, and if so, the next one counted from now. */
    protected final boolean due(Clock clock, Duration every) {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return false;
        }
        next = now.plus(every);
        return true;
    }

    @Override
    public final void run() {
        while (running) {
            try {
                if (runOnce() == 0) {
                    idle();
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("worker error worker={} error={}", getClass().getSimpleName(), e.toString(), e);
                idle();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        idle();
    }
}
