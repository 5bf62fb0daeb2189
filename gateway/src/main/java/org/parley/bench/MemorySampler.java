package org.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the heap in use every 50 ms and keeps the peak; reads the process's peak RSS from /proc. */
final class MemorySampler implements AutoCloseable {
    private volatile long peakHeap;
    private volatile boolean running = true;
    private final Thread thread;

    MemorySampler() {
        thread = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakHeapBytes() {
        return peakHeap;
    }

    /** VmHWM, the peak resident set size; -1 where /proc is not there. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
