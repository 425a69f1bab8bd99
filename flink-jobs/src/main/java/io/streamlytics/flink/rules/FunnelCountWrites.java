package io.streamlytics.flink.rules;

import io.streamlytics.core.metrics.LiveFunnelLayout;
import io.streamlytics.flink.redis.RedisBacklog;
import io.streamlytics.flink.redis.RedisWrites;
import java.time.LocalDate;

/** A funnel step's counts as Redis writes, laid out as {@link LiveFunnelLayout} says. */
final class FunnelCountWrites implements RedisWrites<FunnelCount> {
    @Override
    public void add(FunnelCount c, RedisBacklog backlog) {
        String step = Integer.toString(c.step);
        backlog.hset(
                LiveFunnelLayout.total(c.projectId, c.ruleId, c.ruleVersion),
                step,
                Long.toString(c.total));
        backlog.hset(
                LiveFunnelLayout.day(
                        c.projectId, c.ruleId, c.ruleVersion, LocalDate.ofEpochDay(c.day)),
                step,
                Long.toString(c.dayCount));
    }
}
