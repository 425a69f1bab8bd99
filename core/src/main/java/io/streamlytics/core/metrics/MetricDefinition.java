package io.streamlytics.core.metrics;

import java.util.List;

/**
 * What the Metrics job computes for one project besides counts and unique users per event: a
 * breakdown by each of {@link #dimensions} (event property names), and the sum, average, p50 and
 * p95 of each of {@link #measures} (numeric event property names).
 */
public record MetricDefinition(List<String> dimensions, List<String> measures)
        implements java.io.Serializable {
    public static final int MAX_DIMENSIONS = 5;
    public static final int MAX_MEASURES = 5;

    /** What a project without its own definition gets: no property breakdown, revenue measured. */
    public static final MetricDefinition DEFAULT =
            new MetricDefinition(List.of(), List.of("revenue"));

    public MetricDefinition {
        dimensions = checked("dimensions", dimensions, MAX_DIMENSIONS);
        measures = checked("measures", measures, MAX_MEASURES);
    }

    private static List<String> checked(String what, List<String> names, int max) {
        if (names.size() > max) {
            throw new IllegalArgumentException(
                    "at most " + max + " " + what + " per project, got " + names.size());
        }
        for (String name : names) {
            if (name == null || name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException(
                        "not a valid property name for " + what + ": '" + name + "'");
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(what + " name a property twice: " + names);
        }
        return List.copyOf(names);
    }
}
