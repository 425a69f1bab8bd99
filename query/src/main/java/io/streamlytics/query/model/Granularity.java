package io.streamlytics.query.model;

/** The width of one bucket of a time series, in the project's timezone. */
public enum Granularity {
    MINUTE,
    HOUR,
    DAY,
    WEEK,
    MONTH
}
