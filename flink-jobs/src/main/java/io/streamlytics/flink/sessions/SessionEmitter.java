package io.streamlytics.flink.sessions;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a fired session window into a {@link SessionRow}. A window that fires again after late
 * events updates the same row (same id, {@link AssignSessionIds}); the version grows with the
 * number of events.
 */
public final class SessionEmitter
        extends ProcessWindowFunction<SessionRow, SessionRow, String, TimeWindow> {

    @Override
    public void process(
            String key,
            Context context,
            Iterable<SessionRow> accumulators,
            Collector<SessionRow> out) {
        SessionRow row = accumulators.iterator().next();
        row.version = row.events;
        out.collect(row);
    }
}
