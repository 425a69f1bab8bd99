package io.streamlytics.flink.sessions;

import io.streamlytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Gives each event its session id as it arrives, so events are stored with it at once rather than
 * when the session window closes. Keyed like the session windows ({@link Sessions#key}), with the
 * same rules: an event joins a recent session of its key when it falls within the gap and the
 * session still fits the rules, otherwise it starts one. A new session takes the client's {@code
 * $session_id} when the client sent one (the first time it is seen), else an id derived from the
 * key and the start, so replays give the same ids.
 *
 * <p>Events are handled in arrival order, not event time; the window agrees for all but an event
 * that bridges two sessions after both began (the window merges them, keeping the earlier id, and
 * the later session's events keep an id that has no row of its own).
 */
public final class AssignSessionIds extends KeyedProcessFunction<String, Event, Event> {
    /** Sessions remembered per key, the latest first; late events seldom reach further back. */
    static final int REMEMBERED = 8;

    private final CappedSessionWindows rules;
    private final Duration allowedLateness;
    private transient ListState<SessionCursor> recent;

    public AssignSessionIds(CappedSessionWindows rules, Duration allowedLateness) {
        this.rules = rules;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext context) {
        ListStateDescriptor<SessionCursor> descriptor =
                new ListStateDescriptor<>("recent-sessions", SessionCursor.class);
        // a key that has been quiet longer than a session can last, plus lateness, is done
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(rules.maxLength().plus(rules.gap()).plus(allowedLateness))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .build());
        recent = getRuntimeContext().getListState(descriptor);
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
        List<SessionCursor> sessions = new ArrayList<>();
        recent.get().forEach(sessions::add);
        long t = event.timestamp;
        SessionCursor session = null;
        for (SessionCursor candidate : sessions) {
            if (rules.near(t, candidate.first, candidate.last)
                    && rules.fits(Math.min(candidate.first, t), Math.max(candidate.last, t))) {
                session = candidate;
                break;
            }
        }
        if (session == null) {
            session = new SessionCursor(newId(ctx.getCurrentKey(), event, sessions), t);
            sessions.add(session);
        }
        session.first = Math.min(session.first, t);
        session.last = Math.max(session.last, t);
        sessions.sort(Comparator.comparingLong((SessionCursor s) -> s.last).reversed());
        recent.update(sessions.size() > REMEMBERED ? sessions.subList(0, REMEMBERED) : sessions);
        event.sessionId = session.id;
        out.collect(event);
    }

    private static String newId(String key, Event event, List<SessionCursor> sessions) {
        String client = event.clientSessionId;
        if (!client.isEmpty() && sessions.stream().noneMatch(s -> s.id.equals(client))) {
            return client;
        }
        return derivedId(key, event.timestamp);
    }

    static String derivedId(String key, long start) {
        return UUID.nameUUIDFromBytes((key + "@" + start).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
