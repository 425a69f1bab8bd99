package io.streamlytics.flink.metrics;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the Metrics job trades freshness for work.
 *
 * @param flushInterval how long events are summed per subtask before crossing the shuffle, and how
 *     often Redis is written: most of the latency from an event to its value in Redis
 * @param outOfOrderness how far behind the newest event time an event may be before it is late
 * @param lateness how long after its end (beyond the out-of-orderness) a minute still takes events;
 *     then it is final and written to ClickHouse
 * @param dedupWindow how long a user's recent insert ids are remembered after the user's last
 *     event, to drop repeats (see {@link RecentInsertIds})
 * @param definitionsRefresh how often the projects' metric definitions are read again
 * @param sampledPerSecond events per project and second (per subtask) for the live feed
 */
public record MetricsSettings(
        Duration flushInterval,
        Duration outOfOrderness,
        Duration lateness,
        Duration dedupWindow,
        Duration definitionsRefresh,
        int sampledPerSecond)
        implements Serializable {
    public static MetricsSettings defaults() {
        return new MetricsSettings(
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                20);
    }
}
