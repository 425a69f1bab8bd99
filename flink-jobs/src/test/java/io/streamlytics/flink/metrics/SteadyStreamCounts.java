package io.streamlytics.flink.metrics;

import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.flink.cluster.SteadyStream;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;

/**
 * What the Metrics job should show for a {@link SteadyStream} of project 1, and what Redis shows:
 * the stream's event time advances {@link SteadyStream#STEP_MILLIS} per event, so each full minute
 * holds the same number of events.
 */
final class SteadyStreamCounts {
    static final long MINUTE = 60_000;

    private SteadyStreamCounts() {}

    /** Minutes the first {@code events} events fill completely. */
    static int fullMinutes(int events) {
        return (int) ((events - 1) * SteadyStream.STEP_MILLIS / MINUTE);
    }

    static long eventsPerFullMinute() {
        return MINUTE / SteadyStream.STEP_MILLIS;
    }

    /** Start of the stream's {@code m}-th minute. */
    static long minute(int m) {
        return SteadyStream.BEGINNING.toEpochMilli() + m * MINUTE;
    }

    /** Redis' count of all events of project 1 in each of the stream's first minutes. */
    static List<Long> perMinute(JedisPooled redis, int minutes) {
        List<Long> counts = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            String v =
                    redis.hget(
                            LiveMetricsLayout.values(1, minute(m)),
                            LiveMetricsLayout.count(LiveMetricsLayout.allEvents()));
            counts.add(v == null ? 0 : Long.parseLong(v));
        }
        return counts;
    }

    static long total(JedisPooled redis, int minutes) {
        return perMinute(redis, minutes).stream().mapToLong(Long::longValue).sum();
    }
}
