package io.streamlytics.flink.metrics;

/**
 * What one subtask saw of one metric key in one minute during a short flush interval: the unit that
 * crosses the shuffle to {@link MinuteMetrics}, so the job shuffles a few partials per key and
 * interval instead of every event once per breakdown.
 */
public class MetricPartial {
    public long projectId;

    /** The event name, or {@link MetricKeys#ALL_EVENTS}. */
    public String event;

    /**
     * The breakdown ({@code country}, {@code device}, {@code page}, {@code prop:<name>}), or "".
     */
    public String dimension;

    public String value;

    /** Start of the minute, epoch milliseconds (UTC). */
    public long minute;

    public long count;

    /** The distinct ids seen, each once. */
    public String[] distinctIds;

    /** One per measure of the project's definition that had values. */
    public MeasurePartial[] measures;

    public MetricPartial() {}

    /** The keyBy key: one metric of one project, all minutes. */
    public String key() {
        return MetricKeys.of(projectId, event, dimension, value);
    }
}
