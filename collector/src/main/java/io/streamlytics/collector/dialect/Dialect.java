package io.streamlytics.collector.dialect;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One wire format SDKs speak (native, Segment, PostHog, Mixpanel, Amplitude), mapped onto the one
 * event model: each dialect turns its events into the native JSON shape, which is then validated
 * against the event schema like any native event.
 */
public interface Dialect {
    /** Where and when a request came in. */
    record Request(String path, Instant receivedAt, Map<String, String> query) {}

    /** A body split into its events, with the write key and {@code sent_at} it carries, if any. */
    record Envelope(Optional<String> writeKey, List<JsonNode> events, String sentAt) {}

    String name();

    /** The largest body accepted, compressed or not. */
    int maxBodyBytes();

    Envelope envelope(JsonNode body, Request request);

    /**
     * One event in the native shape.
     *
     * @throws MappingException when the event cannot be read in this dialect
     */
    ObjectNode toNative(JsonNode event, Request request);

    /** The body of a 200 answer; SDKs of some dialects expect their own. */
    default String successBody(int accepted) {
        return "{\"status\":\"ok\",\"code\":200,\"success\":true,\"accepted\":"
                + accepted
                + ",\"events_ingested\":"
                + accepted
                + "}";
    }
}
