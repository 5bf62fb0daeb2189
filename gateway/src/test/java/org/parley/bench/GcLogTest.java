package org.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's heap peaks, read from the lines a JDK 17 collector (G1, serial) writes with -Xlog:gc. */
class GcLogTest {
    @TempDir
    Path dir;

    @Test
    void theFullestHeapIsBeforeACollectionAndTheLiveOneAfter() throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.006s][info][gc] Using G1
                [2.511s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->6M(516M) 9.137ms
                [9.102s][info][gc] GC(7) Pause Young (Concurrent Start) (G1 Humongous Allocation) 301M->142M(512M) 12.5ms
                [9.102s][info][gc] GC(8) Concurrent Mark Cycle
                [9.420s][info][gc] GC(8) Pause Remark 150M->120M(512M) 29.758ms
                [9.500s][info][gc] GC(8) Concurrent Mark Cycle 398.001ms
                [12.0s][info][gc] GC(9) Pause Young (Normal) (G1 Evacuation Pause) 512000K->98304K(524288K) 7.1ms
                [30.1s][info][gc] GC(10) Pause Full (System.gc()) 1G->90M(512M) 120.2ms
                """, StandardCharsets.UTF_8);
        Report.Memory peaks = GcLog.peaks(log, 600L << 20);
        assertEquals(1L << 30, peaks.heap());
        assertEquals(142L << 20, peaks.heapAfterGc());
        assertEquals(600L << 20, peaks.rss());
    }

    @Test
    void theSerialCollectorsLinesReadTheSame() throws Exception {
        Path log = dir.resolve("serial.log");
        Files.writeString(log, """
                [0.005s][info][gc] Using Serial
                [1.931s][info][gc] GC(0) Pause Full (Metadata GC Threshold) 88M->10M(365M) 73.046ms
                [46.114s][info][gc] GC(213) Pause Full (Allocation Failure) 129M->84M(204M) 95.300ms
                [110.141s][info][gc] GC(323) Pause Young (Allocation Failure) 212M->153M(216M) 11.629ms
                """, StandardCharsets.UTF_8);
        assertEquals(new Report.Memory(212L << 20, 153L << 20, 483L << 20), GcLog.peaks(log, 483L << 20));
    }

    @Test
    void noLogOrNoCollectionGivesZeros() throws Exception {
        assertEquals(new Report.Memory(0, 0, -1), GcLog.peaks(dir.resolve("missing.log"), -1));
        Path quiet = dir.resolve("quiet.log");
        Files.writeString(quiet, "[0.006s][info][gc] Using G1\n", StandardCharsets.UTF_8);
        assertEquals(new Report.Memory(0, 0, 5), GcLog.peaks(quiet, 5));
    }
}
