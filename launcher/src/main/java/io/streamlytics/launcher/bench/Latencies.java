package io.streamlytics.launcher.bench;

import java.util.Arrays;

/** Measured latencies, sorted once, read as percentiles. */
final class Latencies {
    private final long[] sortedNanos;

    Latencies(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The {@code p}-th percentile (0-100) in milliseconds; NaN without samples. */
    double percentileMillis(double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1_000_000.0;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
