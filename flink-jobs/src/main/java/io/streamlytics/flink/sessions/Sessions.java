package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Event-time sessions per person ({@link CappedSessionWindows}: a gap of inactivity, a maximum
 * length, optionally midnight). Events up to {@code allowedLateness} late update their session (the
 * row is emitted again); later ones go to {@link #TOO_LATE}, where they are counted.
 */
public final class Sessions {
    public static final OutputTag<Event> TOO_LATE = new OutputTag<>("too-late-for-sessions") {};
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_LENGTH = Duration.ofHours(24);

    private Sessions() {}

    /**
     * Event time from the event; bounded out-of-orderness, and idle partitions do not hold time
     * back.
     */
    public static WatermarkStrategy<Event> watermarks(Duration outOfOrderness) {
        return WatermarkStrategy.<Event>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((event, previous) -> event.timestamp)
                .withIdleness(Duration.ofMinutes(1));
    }

    /**
     * Sessions with the default rules: 30 minutes of inactivity, at most 24 hours, no midnight
     * split.
     */
    public static SingleOutputStreamOperator<SessionRow> build(
            DataStream<Event> events, Duration gap, Duration allowedLateness) {
        return build(
                events, CappedSessionWindows.of(gap, DEFAULT_MAX_LENGTH, null), allowedLateness);
    }

    public static SingleOutputStreamOperator<SessionRow> build(
            DataStream<Event> events, CappedSessionWindows rules, Duration allowedLateness) {
        return events.keyBy(e -> e.projectId + ":" + e.distinctId)
                .window(rules)
                .allowedLateness(allowedLateness)
                .sideOutputLateData(TOO_LATE)
                .aggregate(new SessionAggregate(), new SessionEmitter())
                .uid("sessions")
                .name("sessions");
    }
}
