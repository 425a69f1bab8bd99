package io.streamlytics.query.model;

/** Split results by a property's value: the {@code limit} most frequent values, the rest as one. */
public record Breakdown(PropertyRef property, int limit) {
    public static final int DEFAULT_LIMIT = 25;
}
