package io.streamlytics.flink;

import io.streamlytics.core.event.Event;
import java.time.Instant;

/** Named time fixtures and event factories for the job tests. */
public final class TestEvents {
    public static final Instant BEGINNING = Instant.parse("2026-04-30T23:59:00Z");
    public static final Instant ONE_MINUTE_LATER = BEGINNING.plusSeconds(60);

    private TestEvents() {}

    public static Event event(
            long projectId, String insertId, String name, String user, Instant at) {
        Event e = new Event();
        e.projectId = projectId;
        e.insertId = insertId;
        e.event = name;
        e.distinctId = user;
        e.timestamp = at.toEpochMilli();
        e.receivedAt = at.toEpochMilli();
        e.properties = "{\"plan\":\"pro\"}";
        return e;
    }
}
