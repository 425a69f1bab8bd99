package io.streamlytics.flink.metrics;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.flink.common.ExpiringState;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@link #key(Event)}: the first event seen of each session becomes a "session started"
 * partial ({@link LiveMetricsLayout#SESSIONS_STARTED}) in that event's minute, counted by {@link
 * MinuteMetrics} like any other metric. A session's id is remembered for {@code remember} (its
 * longest possible length plus lateness), so a long session is not started twice.
 */
public final class FirstEventOfSession extends KeyedProcessFunction<String, Event, MetricPartial> {
    private static final long MINUTE = 60_000;
    private static final MeasurePartial[] NO_MEASURES = new MeasurePartial[0];

    private final Duration remember;
    private transient ValueState<Boolean> seen;

    public FirstEventOfSession(Duration remember) {
        this.remember = remember;
    }

    public static String key(Event e) {
        return e.projectId + ":" + e.sessionId;
    }

    @Override
    public void open(OpenContext context) {
        seen = ExpiringState.value(getRuntimeContext(), "seen", Boolean.class, remember);
    }

    @Override
    public void processElement(Event e, Context ctx, Collector<MetricPartial> out)
            throws Exception {
        if (e.sessionId.isEmpty() || seen.value() != null) {
            return;
        }
        seen.update(Boolean.TRUE);
        MetricPartial p = new MetricPartial();
        p.projectId = e.projectId;
        p.event = LiveMetricsLayout.SESSIONS_STARTED;
        p.dimension = MetricKeys.NO_DIMENSION;
        p.value = "";
        p.minute = Math.floorDiv(e.timestamp, MINUTE) * MINUTE;
        p.count = 1;
        p.distinctIds = new String[] {e.distinctId};
        p.measures = NO_MEASURES;
        out.collect(p);
    }
}
