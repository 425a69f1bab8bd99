package io.streamlytics.query.trends;

import java.util.List;

/**
 * One line of a trends chart: a series (by letter), one breakdown value of it (null without a
 * breakdown), over the range or the period before it; {@code values} follow the result's buckets,
 * null where a value does not exist (an average of no events).
 */
public record TrendSeries(
        String name,
        String event,
        String aggregation,
        String breakdownValue,
        boolean previousPeriod,
        List<Double> values) {}
