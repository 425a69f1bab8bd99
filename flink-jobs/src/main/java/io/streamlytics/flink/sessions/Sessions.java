package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.util.OutputTag;

/**
 * Event-time sessions per person: a session ends after {@code gap} without events. Events up to
 * {@code allowedLateness} late update their session (the row is emitted again); later ones go to
 * {@link #TOO_LATE}, where they are counted.
 */
public final class Sessions {
    public static final OutputTag<Event> TOO_LATE = new OutputTag<>("too-late-for-sessions") {};
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

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

    public static SingleOutputStreamOperator<SessionRow> build(
            DataStream<Event> events, Duration gap, Duration allowedLateness) {
        return events.keyBy(e -> e.projectId + ":" + e.distinctId)
                .window(EventTimeSessionWindows.withGap(gap))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(TOO_LATE)
                .aggregate(new SessionAggregate(), new SessionEmitter())
                .uid("sessions")
                .name("sessions");
    }
}
