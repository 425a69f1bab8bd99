package io.streamlytics.console.quality.domain;

import java.time.Instant;
import java.util.List;

/**
 * One hour of one event's data quality (docs/data-quality.md); {@code event} is empty for rejected
 * requests, which have no event name.
 */
public record QualityHour(
        Instant hour,
        String event,
        long events,
        long invalid,
        String invalidReasons,
        List<String> newProperties,
        List<String> typeChanges,
        long sameHourLastWeek,
        boolean anomaly,
        double anomalyScore) {}
