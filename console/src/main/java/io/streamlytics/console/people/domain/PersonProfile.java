package io.streamlytics.console.people.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One person as the console shows them: their properties, the ids that point at them, their
 * sessions and their latest events.
 *
 * @param personId the resolved person (else the distinct_id events carry)
 * @param properties the newest person properties, by name (values as JSON text)
 * @param distinctIds every distinct_id known to point at the person
 * @param firstSeen their first event; null when none is stored
 * @param lastSeen their latest event
 * @param events how many events they have
 */
public record PersonProfile(
        String personId,
        Map<String, String> properties,
        List<String> distinctIds,
        Instant firstSeen,
        Instant lastSeen,
        long events,
        List<Session> sessions,
        List<TimelineEvent> timeline) {

    /** A session: when, how long, how much, where it began and ended. */
    public record Session(
            String id,
            Instant startedAt,
            long durationSeconds,
            long events,
            long pageviews,
            String entryUrl,
            String exitUrl,
            String referrer,
            String device) {}

    /** An event of the person's timeline. */
    public record TimelineEvent(
            Instant at, String event, String page, String sessionId, String properties) {}

    /** Someone found by a search: the id and when they were last seen. */
    public record Match(String personId, Instant lastSeen, long events) {}
}
