package io.streamlytics.flink.metrics;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by metric ({@link MetricPartial#key()}): adds partials into per-minute aggregates and emits
 * the minute's new totals after each one (for Redis). When the watermark passes the minute's end
 * plus the allowed lateness, it emits the minute once more as final (side output {@link #FINAL},
 * for ClickHouse) and forgets it. Partials of a minute already final are counted ({@code
 * metricsTooLateEvents}) and dropped.
 */
public final class MinuteMetrics extends KeyedProcessFunction<String, MetricPartial, MinuteMetric> {
    public static final OutputTag<MinuteMetric> FINAL =
            new OutputTag<>(
                    "final-minutes",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(MinuteMetric.class));

    private static final long MINUTE = 60_000;
    private static final String[] NONE = new String[0];

    private final long latenessMillis;
    private transient MapState<Long, MinuteAggregate> minutes;
    private transient Counter tooLate;

    public MinuteMetrics(Duration lateness) {
        this.latenessMillis = lateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        minutes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "minutes", Long.class, MinuteAggregate.class));
        tooLate = getRuntimeContext().getMetricGroup().counter("metricsTooLateEvents");
    }

    private long closesAt(long minute) {
        return minute + MINUTE + latenessMillis - 1;
    }

    @Override
    public void processElement(MetricPartial partial, Context ctx, Collector<MinuteMetric> out)
            throws Exception {
        if (closesAt(partial.minute) <= ctx.timerService().currentWatermark()) {
            tooLate.inc(partial.count);
            return;
        }
        MinuteAggregate aggregate = minutes.get(partial.minute);
        if (aggregate == null) {
            aggregate = new MinuteAggregate();
            ctx.timerService().registerEventTimeTimer(closesAt(partial.minute));
        }
        aggregate.add(partial);
        minutes.put(partial.minute, aggregate);
        MetricKeys.Id id =
                new MetricKeys.Id(
                        partial.projectId, partial.event, partial.dimension, partial.value);
        out.collect(metric(id, partial.minute, aggregate, partial.distinctIds));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MinuteMetric> out)
            throws Exception {
        long minute = timestamp + 1 - latenessMillis - MINUTE;
        MinuteAggregate aggregate = minutes.get(minute);
        if (aggregate == null) {
            return;
        }
        ctx.output(
                FINAL, metric(MetricKeys.Id.parse(ctx.getCurrentKey()), minute, aggregate, NONE));
        minutes.remove(minute);
    }

    private static MinuteMetric metric(
            MetricKeys.Id id, long minute, MinuteAggregate aggregate, String[] newIds) {
        MinuteMetric m = new MinuteMetric();
        m.projectId = id.projectId();
        m.event = id.event();
        m.dimension = id.dimension();
        m.value = id.value();
        m.minute = minute;
        m.count = aggregate.count;
        m.uniques = aggregate.uniquesEstimate();
        m.newDistinctIds = newIds;
        m.measures = aggregate.measureValues();
        return m;
    }
}
