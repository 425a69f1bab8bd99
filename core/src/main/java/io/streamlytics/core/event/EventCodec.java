package io.streamlytics.core.event;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Event}s as JSON on Kafka. The layout is versioned by {@link Event#v}; readers reject
 * versions they do not know rather than guess.
 */
public final class EventCodec {
    private static final JsonMapper MAPPER =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private EventCodec() {}

    public static byte[] toJson(Event event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /**
     * @throws IllegalArgumentException when the bytes are not an event of a known version
     */
    public static Event fromJson(byte[] json) {
        Event event;
        try {
            event = MAPPER.readValue(json, Event.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an event record: " + e.getMessage(), e);
        }
        if (event.v != Event.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unknown event record version " + event.v);
        }
        if (event.insertId == null || event.event == null || event.distinctId == null) {
            throw new IllegalArgumentException("event record lacks insertId, event or distinctId");
        }
        return event;
    }
}
