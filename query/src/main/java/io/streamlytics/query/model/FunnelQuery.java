package io.streamlytics.query.model;

import java.time.Duration;
import java.util.List;

/** People moving through steps within a window; see docs/query-model.md for the orders. */
public record FunnelQuery(
        TimeRange range,
        List<Filter> filters,
        List<Step> steps,
        Order order,
        Duration window,
        List<Exclusion> exclusions,
        Breakdown breakdown,
        View view,
        Granularity granularity,
        People people)
        implements Query {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

    /** A step; {@code within} (may be null) limits the time since the previous step. */
    public record Step(EventSelector events, Duration within) {}

    /** A person who does {@code events} between two steps leaves the funnel at the earlier step. */
    public record Exclusion(EventSelector events, int afterStep, int beforeStep) {}

    /**
     * Whose names to list: people who reached step {@code step} ({@code converted}) or stopped just
     * before it.
     */
    public record People(int step, boolean converted, int limit, int offset) {}

    public enum Order {
        /** Steps in this order; other events may happen in between. */
        ORDERED,
        /** Steps in this order with no other event of the person in between. */
        STRICT,
        /** Every step within the window, in any order. */
        ANY
    }

    public enum View {
        STEPS,
        TIME_TO_CONVERT,
        TREND,
        PEOPLE
    }
}
