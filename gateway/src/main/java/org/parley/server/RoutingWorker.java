package org.parley.server;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.parley.routing.Dispatcher;
import org.parley.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes stored arrivals one by one; woken by the inbox, and polling in case it missed one. */
final class RoutingWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingWorker.class);

    private final Store store;
    private final Dispatcher dispatcher;
    private final Runnable afterBatch;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;

    RoutingWorker(Store store, Dispatcher dispatcher, Runnable afterBatch) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.afterBatch = afterBatch;
    }

    void wakeUp() {
        wake.release();
    }

    void stop() {
        running = false;
        wake.release();
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (runOnce() == 0) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("routing worker error error={}", e.toString(), e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Routes what waits; returns how many. */
    int runOnce() {
        List<Long> waiting = store.read(tx -> tx.arrivals().waiting(100));
        for (long id : waiting) {
            if (!running) {
                break;
            }
            dispatcher.dispatch(id);
        }
        if (!waiting.isEmpty()) {
            afterBatch.run();
        }
        return waiting.size();
    }
}
