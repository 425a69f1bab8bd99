package io.streamlytics.flink.metrics;

/** Names shared by the job, the Redis layout and the ClickHouse rows. */
public final class MetricKeys {
    /** The event name under which every event of a project is counted as well. */
    public static final String ALL_EVENTS =
            io.streamlytics.core.metrics.LiveMetricsLayout.ALL_EVENTS;

    /** No breakdown: the metric over all values. */
    public static final String NO_DIMENSION = "";

    public static final String COUNTRY = "country";
    public static final String DEVICE = "device";

    /** Page path (or screen name) of page and screen views, for the top pages. */
    public static final String PAGE = "page";

    /** Prefix of breakdowns by an event property named in the project's definition. */
    public static final String PROPERTY = "prop:";

    /** The value of a breakdown the event does not have. */
    public static final String UNKNOWN = "(none)";

    /**
     * Separates the parts of a metric key in Redis field names and in the keyBy key: the ASCII unit
     * separator, which does not occur in event names or property values in practice.
     */
    public static final char SEPARATOR = io.streamlytics.core.metrics.LiveMetricsLayout.SEPARATOR;

    private MetricKeys() {}

    /** A metric of a project: which events, which breakdown, which value of it. */
    public record Id(long projectId, String event, String dimension, String value) {
        /** Reads a key made by {@link MetricKeys#of}. */
        public static Id parse(String key) {
            String[] parts = key.split(String.valueOf(SEPARATOR), 4);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not a metric key: " + key);
            }
            return new Id(Long.parseLong(parts[0]), parts[1], parts[2], parts[3]);
        }
    }

    public static String of(long projectId, String event, String dimension, String value) {
        return projectId
                + String.valueOf(SEPARATOR)
                + io.streamlytics.core.metrics.LiveMetricsLayout.name(event, dimension, value);
    }
}
