package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@link Sessions#key session key}: puts each event in a session as it arrives, so the
 * event is stored with its session id at once, and keeps the session's {@link SessionRow} until it
 * is final. An event joins an open session of its key when it falls within the gap and the session
 * still fits the project's {@link SessionRules}; otherwise it opens one. A new session takes the
 * client's {@code $session_id} the first time that id is seen, else an id derived from the key and
 * the start, so a replay after a failure yields the same ids.
 *
 * <p>In event time, like Flink's session windows: a session's row is emitted when the watermark
 * passes its last event plus the gap; an event up to {@code allowedLateness} after that updates the
 * row (emitted again with a higher version under the same id); a later one goes to {@link
 * Sessions#TOO_LATE} (it keeps a derived session id that has no row). Unlike merging windows, a
 * late event that falls between two open sessions joins one of them; the two are not merged, so an
 * id once given never changes.
 */
public final class Sessionize extends KeyedProcessFunction<String, Event, Event> {
    private final ProjectSessionRules rules;
    private final long allowedLateness;
    private transient MapState<String, SessionRow> open;
    private transient ValueState<Boolean> clientIdTaken;

    public Sessionize(ProjectSessionRules rules, Duration allowedLateness) {
        this.rules = rules;
        this.allowedLateness = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        open =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "open-sessions", String.class, SessionRow.class));
        ValueStateDescriptor<Boolean> taken =
                new ValueStateDescriptor<>("client-session-id-taken", Boolean.class);
        taken.enableTimeToLive(
                StateTtlConfig.newBuilder(
                                rules.longestSession().plus(Duration.ofMillis(allowedLateness)))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .build());
        clientIdTaken = getRuntimeContext().getState(taken);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        SessionRules project = rules.of(event.projectId);
        long gap = project.gapMillis();
        long t = event.timestamp;
        long watermark = ctx.timerService().currentWatermark();
        SessionRow session = null;
        for (SessionRow candidate : open.values()) {
            if (project.near(t, candidate.startedAt, candidate.endedAt)
                    && project.fits(
                            Math.min(candidate.startedAt, t), Math.max(candidate.endedAt, t))
                    && (session == null || candidate.endedAt > session.endedAt)) {
                session = candidate;
            }
        }
        if (session == null) {
            if (isFinalAlready(t, gap, watermark)) {
                event.sessionId = derivedId(ctx.getCurrentKey(), t);
                ctx.output(Sessions.TOO_LATE, event);
                out.collect(event);
                return;
            }
            session = SessionAggregate.open(newId(ctx.getCurrentKey(), event), event);
        }
        SessionAggregate.add(session, event);
        event.sessionId = session.sessionId;
        long due = session.endedAt + gap - 1;
        if (due <= watermark) {
            emit(session, ctx); // a late event for a session already emitted: update it now
        } else {
            // the timer that ends the session schedules its cleanup, one timer per event is enough
            ctx.timerService().registerEventTimeTimer(due);
        }
        open.put(session.sessionId, session);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Event> out) throws Exception {
        List<SessionRow> emitted = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, SessionRow> entry : open.entries()) {
            SessionRow session = entry.getValue();
            long due = session.endedAt + rules.of(session.projectId).gapMillis() - 1;
            if (due <= timestamp && session.version != session.events) {
                emit(session, ctx);
                emitted.add(session);
                ctx.timerService().registerEventTimeTimer(due + allowedLateness);
            }
            if (due + allowedLateness <= timestamp) {
                done.add(entry.getKey());
            }
        }
        for (SessionRow session : emitted) {
            open.put(session.sessionId, session);
        }
        for (String id : done) {
            open.remove(id);
        }
    }

    /** A session starting at {@code t} would be final already: its events are too late. */
    private boolean isFinalAlready(long t, long gap, long watermark) {
        return t + gap - 1 + allowedLateness <= watermark;
    }

    private static void emit(SessionRow session, Context ctx) {
        session.version = session.events;
        ctx.output(Sessions.ROWS, session);
    }

    private String newId(String key, Event event) throws Exception {
        if (!event.clientSessionId.isEmpty() && clientIdTaken.value() == null) {
            clientIdTaken.update(Boolean.TRUE);
            return event.clientSessionId;
        }
        return derivedId(key, event.timestamp);
    }

    static String derivedId(String key, long start) {
        return UUID.nameUUIDFromBytes((key + "@" + start).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
