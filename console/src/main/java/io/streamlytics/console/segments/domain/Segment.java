package io.streamlytics.console.segments.domain;

import java.time.Instant;

/**
 * A segment of a project's people: {@code dynamic} (worked out from {@code definition}, JSON of
 * schemas/segment.v1.json, every {@code refreshMinutes}) or {@code static} (uploaded or saved
 * people). {@code size} and {@code refreshedAt} are the newest refresh's, null before the first.
 */
public record Segment(
        long id,
        long projectId,
        String name,
        String kind,
        String definition,
        int refreshMinutes,
        Instant refreshedAt,
        Long size) {
    public static final String DYNAMIC = "dynamic";
    public static final String STATIC = "static";
}
