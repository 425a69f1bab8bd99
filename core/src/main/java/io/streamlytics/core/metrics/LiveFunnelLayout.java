package io.streamlytics.core.metrics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where the Rules job keeps live funnel counts in Redis, and where readers find them: how many
 * times keys (people, sessions, …) reached each step of a funnel rule's version, in all and per day
 * (UTC, by the step's event time). Values are absolute counts from the job's checkpointed state, so
 * a replay writes the same numbers again.
 *
 * <ul>
 *   <li>{@code lf:{project}:{rule}:v{version}} hash: field {@code {step}} the total since the
 *       version started;
 *   <li>{@code lf:{project}:{rule}:v{version}:{yyyy-mm-dd}} hash: field {@code {step}} that day's.
 * </ul>
 *
 * Keys expire {@link #RETENTION} after their last write (the history is in ClickHouse {@code
 * funnel_progress}).
 */
public final class LiveFunnelLayout {
    public static final Duration RETENTION = Duration.ofDays(8);

    private LiveFunnelLayout() {}

    public static String total(long project, String ruleId, int version) {
        return "lf:" + project + ":" + ruleId + ":v" + version;
    }

    public static String day(long project, String ruleId, int version, LocalDate day) {
        return total(project, ruleId, version) + ":" + day;
    }

    /** The UTC day of an event time. */
    public static LocalDate dayOf(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, 86_400_000L));
    }

    /** Today in UTC. */
    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
