package io.streamlytics.query.funnels;

import io.streamlytics.query.QueryResult;
import java.util.List;

/**
 * What a funnel query returns; only the parts its view asks for are set (the others are null).
 *
 * @param steps people per step over everyone (view steps)
 * @param breakdown the same per breakdown value, most people first (view steps with a breakdown)
 * @param timeToConvert from the first to the last step (view time_to_convert)
 * @param trend conversion by when people entered (view trend)
 * @param people a page of people (view people)
 */
public record FunnelResult(
        List<Step> steps,
        List<Breakdown> breakdown,
        TimeToConvert timeToConvert,
        List<TrendPoint> trend,
        List<String> people)
        implements QueryResult {

    /**
     * @param conversion share of step 1's people who reached this step
     * @param fromPrevious share of the previous step's people who reached this step
     * @param medianSeconds median time since the previous step (null for step 1)
     */
    public record Step(
            int step,
            String event,
            long people,
            double conversion,
            double fromPrevious,
            Double medianSeconds,
            Double averageSeconds) {}

    public record Breakdown(String value, List<Step> steps) {}

    /** Bins of seconds: {@code [from, to)}; the last bin has no upper edge (to = null). */
    public record TimeToConvert(
            long people,
            Double averageSeconds,
            Double medianSeconds,
            Double p90Seconds,
            List<Bin> bins) {
        public record Bin(long fromSeconds, Long toSeconds, long people) {}
    }

    public record TrendPoint(String bucket, long entered, long converted, double conversion) {}
}
