package org.parley.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a set of durations, in milliseconds. */
record Stats(int count, double p50, double p95, double max) {
    static Stats of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new Stats(0, 0, 0, 0);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted.length, at(sorted, 0.50), at(sorted, 0.95), sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
