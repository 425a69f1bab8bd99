package io.streamlytics.query.model;

import java.util.List;

/**
 * Split results by a property's value (the {@code limit} most frequent values), or by membership of
 * each of some segments ({@code segments}, then {@code property} is null).
 */
public record Breakdown(PropertyRef property, int limit, List<Long> segments) {
    public static final int DEFAULT_LIMIT = 25;

    public Breakdown(PropertyRef property, int limit) {
        this(property, limit, List.of());
    }

    public static Breakdown bySegments(List<Long> segments) {
        return new Breakdown(null, segments.size(), List.copyOf(segments));
    }

    public boolean bySegment() {
        return !segments.isEmpty();
    }
}
