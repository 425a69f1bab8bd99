package io.streamlytics.flink.sessions;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When events belong to one session, as analytics products define it: a session ends after a gap of
 * inactivity, lasts at most {@code maxLength} (a longer run of activity becomes several sessions),
 * and optionally ends at midnight in a time zone.
 */
public final class SessionRules implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long gap;
    private final long maxLength;

    /** Zone id whose midnight ends sessions; null for no split. */
    private final String midnightZone;

    /** {@link #midnightZone}, parsed once per task rather than for every event. */
    private transient ZoneId zone;

    private SessionRules(Duration gap, Duration maxLength, ZoneId midnightZone) {
        this.gap = gap.toMillis();
        this.maxLength = maxLength.toMillis();
        this.midnightZone = midnightZone == null ? null : midnightZone.getId();
    }

    /**
     * @param midnightZone where midnight ends a session, or null to not split at midnight
     */
    public static SessionRules of(Duration gap, Duration maxLength, ZoneId midnightZone) {
        if (gap.isNegative() || gap.isZero() || maxLength.compareTo(gap) < 0) {
            throw new IllegalArgumentException(
                    "need 0 < gap <= max length, got " + gap + " and " + maxLength);
        }
        return new SessionRules(gap, maxLength, midnightZone);
    }

    /** Whether an event at {@code time} falls within a gap of the session [first, last]. */
    public boolean near(long time, long first, long last) {
        return time > first - gap && time < last + gap;
    }

    /** Whether events from {@code first} to {@code last} may form one session. */
    public boolean fits(long first, long last) {
        if (last - first > maxLength) {
            return false;
        }
        if (midnightZone == null) {
            return true;
        }
        if (zone == null) {
            zone = ZoneId.of(midnightZone);
        }
        return Instant.ofEpochMilli(first)
                .atZone(zone)
                .toLocalDate()
                .equals(Instant.ofEpochMilli(last).atZone(zone).toLocalDate());
    }

    public Duration gap() {
        return Duration.ofMillis(gap);
    }

    /** {@link #gap()} in milliseconds, for per-event arithmetic without allocation. */
    public long gapMillis() {
        return gap;
    }

    public Duration maxLength() {
        return Duration.ofMillis(maxLength);
    }

    @Override
    public String toString() {
        return "SessionRules(gap="
                + gap
                + "ms, max="
                + maxLength
                + "ms, midnight="
                + midnightZone
                + ")";
    }
}
