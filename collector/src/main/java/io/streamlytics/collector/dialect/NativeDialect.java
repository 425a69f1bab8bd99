package io.streamlytics.collector.dialect;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's own format on {@code /v1/batch} and {@code /v1/events}. A batch may mix in Segment
 * events (they carry a {@code type}), since Segment's SDKs post to {@code /v1/batch} too.
 */
public final class NativeDialect implements Dialect {
    private final boolean single;
    private final int maxBodyBytes;
    private final SegmentDialect segment;

    public NativeDialect(boolean single, int maxBodyBytes) {
        this.single = single;
        this.maxBodyBytes = maxBodyBytes;
        this.segment = new SegmentDialect(null, maxBodyBytes);
    }

    @Override
    public String name() {
        return single ? "native-event" : "native-batch";
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Envelope envelope(JsonNode body, Request request) {
        if (single) {
            return new Envelope(
                    NativeEvents.firstText(body, "write_key", "writeKey"), List.of(body), null);
        }
        if (body.isObject() && body.path("batch").isArray()) {
            return new Envelope(
                    NativeEvents.firstText(body, "write_key", "writeKey"),
                    NativeEvents.elements(body.path("batch")),
                    NativeEvents.firstText(body, "sent_at", "sentAt").orElse(null));
        }
        throw new MappingException("body must be a JSON object with a \"batch\" array of events");
    }

    @Override
    public ObjectNode toNative(JsonNode event, Request request) {
        ObjectNode object = NativeEvents.requireObject(event);
        return object.path("type").isString() ? segment.toNative(object, request) : object;
    }
}
