package org.parley.cli;

import java.util.concurrent.CountDownLatch;

/**
 * A stop asked for (SIGTERM, Ctrl-C), caught from the moment this is made: one that comes
 * while the server is still starting, or the demo still filling its forum, holds the JVM's
 * exit until the server is up and then closes it cleanly, instead of ending the process with
 * its leases held and its store open. Closing this lets a JVM that exits otherwise (a failed
 * start) go without waiting.
 */
final class StopSignal implements AutoCloseable {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    private StopSignal() {
    }

    static StopSignal watch() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.stopped.countDown();
            try {
                signal.closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-signal"));
        return signal;
    }

    /** Blocks until a stop is asked for (at once if one came already), then closes these in order. */
    void awaitThenClose(AutoCloseable... closeables) throws InterruptedException {
        stopped.await();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("parley: error while stopping: " + e.getMessage());
            }
        }
        closed.countDown();
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
