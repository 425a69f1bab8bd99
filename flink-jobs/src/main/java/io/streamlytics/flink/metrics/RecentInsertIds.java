package io.streamlytics.flink.metrics;

import io.streamlytics.flink.common.ExpiringState;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops repeats of a user's recent events (keyed by {@link MetricEvent#userKey()}): it remembers
 * the insert-id hashes of each user's last {@value #REMEMBERED} events, for {@code idle} after the
 * user's last event.
 *
 * <p>Why not one state entry per insert id, as the event pipeline does: live metrics need to catch
 * the repeats that matter for them (an SDK re-sending a batch whose answer it lost, seconds or
 * minutes later), and per-event state grows with traffic (50,000 events/s kept for 2 hours is 360
 * million entries, all written into every checkpoint), while this grows with active users: about
 * 0.5 KB each.
 */
public final class RecentInsertIds extends KeyedProcessFunction<String, MetricEvent, MetricEvent> {
    static final int REMEMBERED = 64;

    private final Duration idle;
    private transient ValueState<long[]> recent;

    public RecentInsertIds(Duration idle) {
        this.idle = idle;
    }

    @Override
    public void open(OpenContext context) {
        recent = ExpiringState.value(getRuntimeContext(), "recent", long[].class, idle);
    }

    @Override
    public void processElement(MetricEvent e, Context ctx, Collector<MetricEvent> out)
            throws Exception {
        // slot 0 counts the ids written; slots 1..REMEMBERED hold them, oldest overwritten first
        long[] ids = recent.value();
        if (ids == null) {
            ids = new long[REMEMBERED + 1];
        } else {
            int known = (int) Math.min(ids[0], REMEMBERED);
            for (int i = 1; i <= known; i++) {
                if (ids[i] == e.insertIdHash) {
                    return;
                }
            }
        }
        ids[1 + (int) (ids[0] % REMEMBERED)] = e.insertIdHash;
        ids[0]++;
        recent.update(ids);
        out.collect(e);
    }
}
