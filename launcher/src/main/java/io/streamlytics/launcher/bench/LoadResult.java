package io.streamlytics.launcher.bench;

import java.util.Locale;

/** Events per second and latency percentiles of one measured run. */
record LoadResult(String name, double eventsPerSecond, Latencies latencies, long failures) {

    String row() {
        return String.format(
                Locale.ROOT,
                "| %s | %,.0f | %.1f | %.1f | %.1f | %d |",
                name,
                eventsPerSecond,
                latencies.percentileMillis(50),
                latencies.percentileMillis(99),
                latencies.percentileMillis(99.9),
                failures);
    }
}
