package io.streamlytics.console.live.domain;

/**
 * One metric over the last {@code minutes} minutes, merged from the minutes the Metrics job keeps.
 *
 * @param uniques distinct users of the window (HyperLogLog union, not a sum of minutes)
 * @param measure the numeric property summarised; {@code values} of it were seen
 * @param average {@code sum / values}, 0 without values
 * @param p50 median of the property's values (merged quantile sketches), null without values
 */
public record WindowValue(
        int minutes,
        long events,
        long uniques,
        String measure,
        long values,
        double sum,
        double average,
        Double p50,
        Double p95) {}
