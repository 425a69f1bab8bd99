package io.streamlytics.console.live.domain;

import java.util.List;

/**
 * A project's live numbers as Redis holds them at one moment.
 *
 * @param minute start of the current minute (epoch ms, UTC)
 * @param eventsPerMinute events of each of the last 60 minutes, oldest first; the last is the
 *     current (partial) minute
 * @param activeUsers distinct users of the last 5 minutes (HyperLogLog)
 * @param usersLastHour distinct users of the last 60 minutes (HyperLogLog)
 * @param revenueLastHour sum of the {@code revenue} property over the last 60 minutes
 * @param sessionsLastHour sessions started in the last 60 minutes
 * @param topEvents the most frequent events of the last 5 minutes, most frequent first
 * @param topPages the most viewed pages of the last 5 minutes, most viewed first
 * @param dataAgeMillis how long ago the metrics job last reached Redis; -1 if never
 * @param stale whether the numbers may be behind: the job has not written for a while, or Redis
 *     could not be read (then the numbers are empty)
 */
public record LiveSnapshot(
        long project,
        long minute,
        List<Long> eventsPerMinute,
        long activeUsers,
        long usersLastHour,
        double revenueLastHour,
        long sessionsLastHour,
        List<Ranked> topEvents,
        List<Ranked> topPages,
        long dataAgeMillis,
        boolean stale) {

    /** A name and its count. */
    public record Ranked(String name, long count) {}

    public long eventsThisMinute() {
        return eventsPerMinute.isEmpty() ? 0 : eventsPerMinute.get(eventsPerMinute.size() - 1);
    }

    public long eventsLastHour() {
        return eventsPerMinute.stream().mapToLong(Long::longValue).sum();
    }
}
