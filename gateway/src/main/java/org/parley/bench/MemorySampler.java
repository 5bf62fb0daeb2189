package org.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples the heap every 50 ms and keeps two peaks: the heap in use (garbage not yet collected
 * included, which is what the collector sizes the heap by) and the heap left after the last
 * collection (what the server really holds); reads the process's peak RSS from /proc.
 */
final class MemorySampler implements AutoCloseable {
    private volatile long peakHeap;
    private volatile long peakAfterGc;
    private volatile boolean running = true;
    private final Thread thread;

    MemorySampler() {
        thread = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            while (running) {
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                peakAfterGc = Math.max(peakAfterGc, afterLastGc(heapPools));
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

    long peakHeapAfterGcBytes() {
        return peakAfterGc;
    }

    /** The heap in use right after the last collection: each heap pool's collection usage. */
    private static long afterLastGc(List<MemoryPoolMXBean> heapPools) {
        long used = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage after = pool.getCollectionUsage();
            used += after == null ? 0 : after.getUsed();
        }
        return used;
    }

    /** VmHWM, this process's peak resident set size; -1 where /proc is not there. */
    static long peakRssBytes() {
        return peakRssBytes(Path.of("/proc/self/status"));
    }

    /** VmHWM from a process's status file; -1 where it is not there. */
    static long peakRssBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
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
