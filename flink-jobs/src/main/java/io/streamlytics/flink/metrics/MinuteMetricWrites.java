package io.streamlytics.flink.metrics;

import static io.streamlytics.core.metrics.LiveMetricsLayout.count;
import static io.streamlytics.core.metrics.LiveMetricsLayout.measure;
import static io.streamlytics.core.metrics.LiveMetricsLayout.uniquesEstimate;

import io.streamlytics.core.metrics.LiveMetricsLayout;
import io.streamlytics.flink.redis.RedisBacklog;
import io.streamlytics.flink.redis.RedisWrites;
import java.util.Base64;
import java.util.Map;

/** A minute's metric as Redis writes, laid out as {@link LiveMetricsLayout} says. */
final class MinuteMetricWrites implements RedisWrites<MinuteMetric> {
    @Override
    public void add(MinuteMetric m, RedisBacklog backlog) {
        String name = m.field();
        String values = LiveMetricsLayout.values(m.projectId, m.minute);
        backlog.hset(values, count(name), Long.toString(m.count));
        backlog.hset(values, uniquesEstimate(name), Long.toString(m.uniques));
        backlog.pfadd(LiveMetricsLayout.uniques(m.projectId, m.minute, name), m.newDistinctIds);
        for (MeasureValue v : m.measures) {
            backlog.hset(values, measure(name, "n", v.name), Long.toString(v.count));
            backlog.hset(values, measure(name, "s", v.name), Double.toString(v.sum));
            backlog.hset(values, measure(name, "p50", v.name), Double.toString(v.p50));
            backlog.hset(values, measure(name, "p95", v.name), Double.toString(v.p95));
            backlog.hset(
                    LiveMetricsLayout.sketches(m.projectId, m.minute),
                    name + LiveMetricsLayout.SEPARATOR + v.name,
                    Base64.getEncoder().encodeToString(v.sketch));
        }
        if (m.dimension.isEmpty() && !m.event.equals(MetricKeys.ALL_EVENTS)) {
            backlog.zadd(LiveMetricsLayout.topEvents(m.projectId, m.minute), m.event, m.count);
        }
        if (m.dimension.equals(MetricKeys.PAGE)) {
            backlog.zadd(LiveMetricsLayout.topPages(m.projectId, m.minute), m.value, m.count);
        }
        backlog.notice(
                LiveMetricsLayout.updates(m.projectId), Map.of("minute", Long.toString(m.minute)));
    }
}
