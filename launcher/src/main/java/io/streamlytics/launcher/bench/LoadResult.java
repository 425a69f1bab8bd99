package io.streamlytics.launcher.bench;

import java.util.Arrays;

/** Events per second and latency percentiles of one measured run. */
record LoadResult(String name, double eventsPerSecond, long[] latenciesNanos, long failures) {

    double percentileMillis(double p) {
        if (latenciesNanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    String row() {
        return String.format(
                java.util.Locale.ROOT,
                "| %s | %,.0f | %.1f | %.1f | %.1f | %d |",
                name,
                eventsPerSecond,
                percentileMillis(50),
                percentileMillis(99),
                percentileMillis(99.9),
                failures);
    }
}
