package io.streamlytics.query.retention;

import io.streamlytics.query.QueryResult;
import java.util.List;

/**
 * A cohort table: one row per cohort (people whose start fell in that period), how many came back
 * in each period after it; {@code average} weighs each cohort by its size over the periods that are
 * complete for it.
 */
public record RetentionTable(
        String period, List<Cohort> cohorts, List<Double> average, List<Breakdown> breakdown)
        implements QueryResult {

    /** The table of one segment's members ({@code value} is the segment's id). */
    public record Breakdown(String value, List<Cohort> cohorts, List<Double> average) {}

    /**
     * @param start the first day of the cohort's period
     * @param retained people per period 0..n (period 0 is the cohort itself); null where the period
     *     has not begun yet (the current period counts what it has so far)
     */
    public record Cohort(String start, long size, List<Long> retained, List<Double> rates) {}
}
