package org.parley.server;

import java.util.List;
import org.parley.routing.Dispatcher;
import org.parley.store.Store;
import org.parley.worker.Worker;

/**
 * Routes stored arrivals; woken by the inbox, and polling in case it missed one. What waits
 * is routed in small groups, each group one transaction (one commit for several posts in a
 * burst), and the outbound workers are woken after each group, so delivery of the first posts
 * starts while the next are routed.
 */
final class RoutingWorker extends Worker {
    /** Arrivals routed in one transaction: a burst's commits shared, a group's delay short. */
    private static final int GROUP = 16;

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
        for (int i = 0; i < waiting.size() && running(); i += GROUP) {
            dispatcher.dispatchAll(waiting.subList(i, Math.min(waiting.size(), i + GROUP)));
            afterBatch.run();
        }
        return waiting.size();
    }
}
