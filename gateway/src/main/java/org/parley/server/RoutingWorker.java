package org.parley.server;

import java.util.ArrayList;
import java.util.List;
import org.parley.routing.Dispatcher;
import org.parley.store.Arrivals;
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
    /**
     * Bytes of a group at most (a group's messages are read together): a burst of posts goes
     * in groups, a large message alone.
     */
    private static final long GROUP_BYTES = 4L << 20;

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
        List<Arrivals.Waiting> waiting = store.read(tx -> tx.arrivals().waiting(100));
        for (List<Long> group : groups(waiting)) {
            if (!running()) {
                break;
            }
            dispatcher.dispatchAll(group);
            afterBatch.run();
        }
        return waiting.size();
    }

    /** The waiting arrivals in order, in groups of GROUP at most, and of GROUP_BYTES unless one alone is more. */
    static List<List<Long>> groups(List<Arrivals.Waiting> waiting) {
        List<List<Long>> groups = new ArrayList<>();
        List<Long> group = new ArrayList<>();
        long bytes = 0;
        for (Arrivals.Waiting arrival : waiting) {
            if (!group.isEmpty() && (group.size() == GROUP || bytes + arrival.size() > GROUP_BYTES)) {
                groups.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(arrival.id());
            bytes += arrival.size();
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
