package io.streamlytics.flink.rules;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by funnel step (project, rule, version, step): counts the steps reached, in all and per UTC
 * day of the event, and emits the absolute counts after each one, for Redis. Days more than a week
 * older than the newest are forgotten.
 */
final class FunnelCounts extends KeyedProcessFunction<String, FunnelProgress, FunnelCount> {
    private static final long KEPT_DAYS = 8;
    private transient ValueState<Long> total;
    private transient MapState<Long, Long> days;

    static String key(FunnelProgress p) {
        return p.projectId + ":" + p.ruleId + ":" + p.ruleVersion + ":" + p.step;
    }

    @Override
    public void open(OpenContext context) {
        total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Long.class));
        days =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("days", Long.class, Long.class));
    }

    @Override
    public void processElement(FunnelProgress p, Context ctx, Collector<FunnelCount> out)
            throws Exception {
        long all = (total.value() == null ? 0 : total.value()) + 1;
        total.update(all);
        long day = Math.floorDiv(p.at, 86_400_000L);
        Long before = days.get(day);
        long onDay = (before == null ? 0 : before) + 1;
        days.put(day, onDay);
        if (before == null) {
            // a new day: forget those no reader asks for any more
            java.util.List<Long> old = new java.util.ArrayList<>();
            for (Long d : days.keys()) {
                if (d < day - KEPT_DAYS) {
                    old.add(d);
                }
            }
            for (Long d : old) {
                days.remove(d);
            }
        }
        FunnelCount count = new FunnelCount();
        count.projectId = p.projectId;
        count.ruleId = p.ruleId;
        count.ruleVersion = p.ruleVersion;
        count.step = p.step;
        count.total = all;
        count.day = day;
        count.dayCount = onDay;
        out.collect(count);
    }
}
