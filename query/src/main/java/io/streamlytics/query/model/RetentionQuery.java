package io.streamlytics.query.model;

import java.util.List;

/**
 * Of the people who did {@code start} in a period of the range (their cohort), how many did {@code
 * returning} 1, 2, … periods later; with a breakdown (by segments only), the same per segment.
 */
public record RetentionQuery(
        TimeRange range,
        List<Filter> filters,
        EventSelector start,
        EventSelector returning,
        Period period,
        int periods,
        Mode mode,
        boolean unbounded,
        Breakdown breakdown)
        implements Query {

    public enum Period {
        DAY,
        WEEK,
        MONTH
    }

    public enum Mode {
        /** A person's cohort is the period of the first start event they ever did. */
        FIRST_TIME,
        /** A person joins the cohort of every period in which they did the start event. */
        RECURRING
    }
}
