package io.streamlytics.query.model;

import java.util.List;

/** Time series of events: one per series, optionally broken down, compared and combined. */
public record TrendsQuery(
        TimeRange range,
        List<Filter> filters,
        List<Series> series,
        Granularity granularity,
        Breakdown breakdown,
        boolean compare,
        String formula)
        implements Query {

    public record Series(EventSelector events, Aggregation aggregation) {}
}
