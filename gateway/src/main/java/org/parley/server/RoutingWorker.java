package org.parley.server;

import java.util.List;
import org.parley.routing.Dispatcher;
import org.parley.store.Store;
import org.parley.worker.Worker;

/**
 * Routes stored arrivals one by one; woken by the inbox, and polling in case it missed one.
 * The outbound workers are woken after each arrival, not after the batch, so delivery of
 * the first post starts while the next are routed.
 */
final class RoutingWorker extends Worker {
    private final Store store;
    private final Dispatcher dispatcher;
    private final Runnable afterBatch;

    RoutingWorker(Store store, Dispatcher dispatcher, Runnable afterBatch) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.afterBatch = afterBatch;
    }

    /** Routes what waits; returns how many. */
    @Override
    public int runOnce() {
        List<Long> waiting = store.read(tx -> tx.arrivals().waiting(100));
        for (long id : waiting) {
            if (!running()) {
                break;
            }
            dispatcher.dispatch(id);
            afterBatch.run();
        }
        return waiting.size();
    }
}
