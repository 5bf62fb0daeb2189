package org.parley.search;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done in order on one thread of its own, so that whoever hands it in (the routing
 * thread, after archiving a post) goes on at once. Bounded: a caller waits when it is full,
 * so a burst never piles up in memory. {@link #settle} waits for what was handed in before,
 * which is how a reader sees everything written before it asked.
 */
final class Backlog {
    private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);

    private final String name;
    private final BlockingQueue<Runnable> work;
    private Thread thread;

    Backlog(String name, int capacity) {
        this.name = name;
        this.work = new ArrayBlockingQueue<>(capacity);
    }

    /** Hands work in; waits while the backlog is full. */
    void submit(Runnable task) {
        start();
        try {
            work.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // A stopping caller does the work itself rather than lose it.
            task.run();
        }
    }

    /** Waits until the work handed in so far is done; at once on the backlog's own thread. */
    void settle() {
        call(() -> { });
    }

    /**
     * Does this work on the backlog's thread, after what was handed in before and before what
     * comes after, and waits for it; its failure is the caller's. With no thread running
     * (nothing handed in yet), or on that thread, the caller does it.
     */
    void call(Runnable task) {
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null || running == Thread.currentThread()) {
            task.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                // Told to the caller, who would otherwise wait for ever; an Error goes on up here too.
                done.completeExceptionally(e);
                if (e instanceof Error error) {
                    throw error;
                }
            }
        });
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Does what was handed in, then stops the thread; a later submit starts it again. */
    void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            work.put(Backlog::stopHere);
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stopHere() {
        throw new Stop();
    }

    private synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = work.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                task.run();
            } catch (Stop stop) {
                return;
            } catch (RuntimeException e) {
                LOG.error("{} failed error={}", name, e.toString(), e);
            }
        }
    }

    /** Ends the thread once everything before it is done. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
