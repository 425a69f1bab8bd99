package io.streamlytics.flink.sessions;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a fired session window into a {@link SessionRow}. The id is derived from the person and the
 * session's start, so a window that fires again after late events updates the same row; the version
 * grows with the number of events.
 */
public final class SessionEmitter
        extends ProcessWindowFunction<SessionRow, SessionRow, String, TimeWindow> {

    @Override
    public void process(
            String person,
            Context context,
            Iterable<SessionRow> accumulators,
            Collector<SessionRow> out) {
        SessionRow row = accumulators.iterator().next();
        row.sessionId = sessionId(person, row.startedAt);
        row.version = row.events;
        out.collect(row);
    }

    static String sessionId(String person, long start) {
        return UUID.nameUUIDFromBytes((person + "@" + start).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
