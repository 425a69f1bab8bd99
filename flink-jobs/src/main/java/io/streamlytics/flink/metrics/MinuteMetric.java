package io.streamlytics.flink.metrics;

/**
 * One metric of one minute as it stands: sent to Redis each time it changes, and to ClickHouse
 * once, when the minute can no longer change.
 */
public class MinuteMetric {
    public long projectId;
    public String event;
    public String dimension;
    public String value;
    public long minute;
    public long count;

    /** HyperLogLog estimate of the distinct ids of the minute. */
    public long uniques;

    /** The distinct ids of the latest partial, for Redis' own HyperLogLog (empty when final). */
    public String[] newDistinctIds;

    public MeasureValue[] measures;

    public MinuteMetric() {}

    /** The metric's name within its project and minute (Redis hash field prefix). */
    public String field() {
        return io.streamlytics.core.metrics.LiveMetricsLayout.name(event, dimension, value);
    }
}
