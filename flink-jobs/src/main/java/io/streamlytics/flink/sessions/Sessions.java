package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Event-time sessions per {@link #key session key} under each project's {@link SessionRules} (a gap
 * of inactivity, a maximum length, optionally midnight), by {@link Sessionize}: every event gets
 * its session id on the way; events up to {@code allowedLateness} late update their session (the
 * row is emitted again); later ones go to {@link #TOO_LATE}, where they are counted.
 */
public final class Sessions {
    public static final OutputTag<Event> TOO_LATE = new OutputTag<>("too-late-for-sessions") {};
    static final OutputTag<SessionRow> ROWS = new OutputTag<>("session-rows") {};
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_LENGTH = Duration.ofHours(24);

    /** Events with their session ids, the session rows, and the events too late for a session. */
    public record Outputs(
            SingleOutputStreamOperator<Event> events,
            DataStream<SessionRow> rows,
            DataStream<Event> tooLate) {}

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

    /** Sessions with a gap, at most 24 hours, no midnight split, for every project. */
    public static Outputs build(DataStream<Event> events, Duration gap, Duration allowedLateness) {
        return build(
                events,
                ProjectSessionRules.everywhere(SessionRules.of(gap, DEFAULT_MAX_LENGTH, null)),
                allowedLateness);
    }

    public static Outputs build(
            DataStream<Event> events, ProjectSessionRules rules, Duration allowedLateness) {
        SingleOutputStreamOperator<Event> sessionized =
                events.keyBy(Sessions::key)
                        .process(new Sessionize(rules, allowedLateness))
                        .uid("sessions")
                        .name("sessions");
        return new Outputs(
                sessionized, sessionized.getSideOutput(ROWS), sessionized.getSideOutput(TOO_LATE));
    }
}
