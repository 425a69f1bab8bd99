package io.streamlytics.core.metrics;

import java.time.Duration;

/**
 * Where the Metrics job keeps live metrics in Redis, and where readers find them. Everything is
 * bucketed by minute (epoch milliseconds of the minute's start, UTC) and expires after {@link
 * #RETENTION}; wider windows (5 minutes, an hour) are read by merging minutes: counts and sums add,
 * HyperLogLogs merge in {@code PFCOUNT}, quantile sketches merge in the reader.
 *
 * <p>A metric's name within its project is {@code event US dimension US value} (US = the ASCII unit
 * separator, {@code \u001f}); event {@code *} counts every event, dimension "" is no breakdown.
 *
 * <ul>
 *   <li>{@code lm:{project}:{minute}} hash: {@code name US c} count, {@code name US u} distinct ids
 *       of the minute (estimate), and per measure {@code name US s:m} sum, {@code name US n:m}
 *       values, {@code name US p50:m}, {@code name US p95:m};
 *   <li>{@code lq:{project}:{minute}} hash: {@code name US m} the measure's KLL sketch (base64);
 *   <li>{@code lu:{project}:{minute}:name} HyperLogLog of the distinct ids;
 *   <li>{@code lt:{project}:{minute}:events} and {@code ...:pages} sorted sets: event names (page
 *       paths of page and screen views) by count, for top N;
 *   <li>{@code live:{project}:updates} stream: one entry per flush that changed the project's
 *       metrics (field {@code minute}, the newest minute touched); what push clients wait on;
 *   <li>{@code live:{project}:events} stream: the sampled live event feed (field {@code event},
 *       JSON);
 *   <li>{@code live:heartbeat}: when the job last reached Redis (epoch ms), written every flush
 *       whether or not data changed; readers call data stale when it is old.
 * </ul>
 */
public final class LiveMetricsLayout {
    public static final char SEPARATOR = '\u001f';

    /** The event name under which every event of a project is counted as well. */
    public static final String ALL_EVENTS = "*";

    /**
     * The metric of sessions started: the first event of each session the event pipeline assigned
     * ({@code events.enriched}), counted in its minute.
     */
    public static final String SESSIONS_STARTED = "$session_start";

    /** The numeric property measured for every project unless its definition says otherwise. */
    public static final String REVENUE = "revenue";

    public static final Duration RETENTION = Duration.ofHours(3);
    public static final int STREAM_LENGTH = 1000;
    public static final String HEARTBEAT = "live:heartbeat";

    private LiveMetricsLayout() {}

    public static String name(String event, String dimension, String value) {
        return event + SEPARATOR + dimension + SEPARATOR + value;
    }

    public static String values(long project, long minute) {
        return "lm:" + project + ":" + minute;
    }

    public static String sketches(long project, long minute) {
        return "lq:" + project + ":" + minute;
    }

    public static String uniques(long project, long minute, String name) {
        return "lu:" + project + ":" + minute + ":" + name;
    }

    public static String topEvents(long project, long minute) {
        return "lt:" + project + ":" + minute + ":events";
    }

    public static String topPages(long project, long minute) {
        return "lt:" + project + ":" + minute + ":pages";
    }

    public static String updates(long project) {
        return "live:" + project + ":updates";
    }

    public static String events(long project) {
        return "live:" + project + ":events";
    }

    /** The name of the count of all events, without breakdown. */
    public static String allEvents() {
        return name(ALL_EVENTS, "", "");
    }

    public static String count(String name) {
        return name + SEPARATOR + "c";
    }

    public static String uniquesEstimate(String name) {
        return name + SEPARATOR + "u";
    }

    public static String measure(String name, String kind, String measure) {
        return name + SEPARATOR + kind + ":" + measure;
    }
}
