package org.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's {@code -Xlog:gc} lines ("Pause Young (Normal) (G1 Evacuation Pause)
 * 300M->120M(512M) 5.1ms"): the heap is at its fullest just before a collection and holds
 * what lives just after one.
 */
final class GcLog {
    private static final Pattern SIZES = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");

    private GcLog() {
    }

    /** The peaks of the heap before and after a collection in the log, beside the RSS given; zeros if none ran. */
    static Report.Memory peaks(Path log, long rss) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Report.Memory(0, 0, rss);
        }
        long before = 0;
        long after = 0;
        for (String line : lines) {
            Matcher m = SIZES.matcher(line);
            if (m.find()) {
                before = Math.max(before, bytes(m.group(1), m.group(2)));
                after = Math.max(after, bytes(m.group(3), m.group(4)));
            }
        }
        return new Report.Memory(before, after, rss);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
