package io.streamlytics.query;

import java.time.Duration;

/**
 * What one analysis may cost: the longest range, the longest run in ClickHouse, the most rows a
 * query may return and the most people a person list may page through.
 */
public record QueryLimits(Duration maxRange, Duration timeout, long maxResultRows) {
    public static QueryLimits defaults() {
        return new QueryLimits(Duration.ofDays(731), Duration.ofSeconds(30), 100_000);
    }

    public QueryLimits {
        if (maxRange.isNegative() || maxRange.isZero()) {
            throw new IllegalArgumentException("maxRange must be positive: " + maxRange);
        }
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 s: " + timeout);
        }
        if (maxResultRows < 1) {
            throw new IllegalArgumentException("maxResultRows must be positive: " + maxResultRows);
        }
    }
}
