package io.streamlytics.query.model;

import java.util.List;

/** The most common sequences of events (or pages) after {@code start} or before {@code end}. */
public record PathsQuery(
        TimeRange range,
        List<Filter> filters,
        EventSelector start,
        EventSelector end,
        int depth,
        int minCount,
        int limit,
        Element element,
        boolean collapseRepeats)
        implements Query {

    public enum Element {
        EVENT,
        PAGE
    }
}
