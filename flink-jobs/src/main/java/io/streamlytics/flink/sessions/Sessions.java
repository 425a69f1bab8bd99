package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Event-time sessions ({@link CappedSessionWindows}: a gap of inactivity, a maximum length,
 * optionally midnight) per {@link #key session key}. Every event gets its session id on the way
 * ({@link AssignSessionIds}); events up to {@code allowedLateness} late update their session (the
 * row is emitted again); later ones go to {@link #TOO_LATE}, where they are counted.
 */
public final class Sessions {
    public static final OutputTag<Event> TOO_LATE = new OutputTag<>("too-late-for-sessions") {};
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_LENGTH = Duration.ofHours(24);

    /** Events with their session ids, and the session rows. */
    public record Outputs(DataStream<Event> events, SingleOutputStreamOperator<SessionRow> rows) {}

    private Sessions() {}

    /**
     * What groups events into sessions: the client's session id when it sent one; else the device
     * (the anonymous id, which Segment-style SDKs keep sending after {@code identify}, so a session
     * survives the login in its middle); else the person.
     */
    public static String key(Event e) {
        if (!e.clientSessionId.isEmpty()) {
            return e.projectId + ":c:" + e.clientSessionId;
        }
        String device =
                !e.anonymousId.isEmpty()
                        ? e.anonymousId
                        : !e.personId.isEmpty() ? e.personId : e.distinctId;
        return e.projectId + ":d:" + device;
    }

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
    public static Outputs build(DataStream<Event> events, Duration gap, Duration allowedLateness) {
        return build(
                events, CappedSessionWindows.of(gap, DEFAULT_MAX_LENGTH, null), allowedLateness);
    }

    public static Outputs build(
            DataStream<Event> events, CappedSessionWindows rules, Duration allowedLateness) {
        SingleOutputStreamOperator<Event> withIds =
                events.keyBy(Sessions::key)
                        .process(new AssignSessionIds(rules, allowedLateness))
                        .uid("assign-session-ids")
                        .name("assign session ids");
        // same key, same partitioning: the windows chain to the assignment without a shuffle
        SingleOutputStreamOperator<SessionRow> rows =
                DataStreamUtils.reinterpretAsKeyedStream(withIds, Sessions::key, Types.STRING)
                        .window(rules)
                        .allowedLateness(allowedLateness)
                        .sideOutputLateData(TOO_LATE)
                        .aggregate(new SessionAggregate(), new SessionEmitter())
                        .uid("sessions")
                        .name("sessions");
        return new Outputs(withIds, rows);
    }
}
