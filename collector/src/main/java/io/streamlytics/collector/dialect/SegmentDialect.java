package io.streamlytics.collector.dialect;

import static io.streamlytics.collector.dialect.NativeEvents.child;
import static io.streamlytics.collector.dialect.NativeEvents.context;
import static io.streamlytics.collector.dialect.NativeEvents.id;
import static io.streamlytics.collector.dialect.NativeEvents.integer;
import static io.streamlytics.collector.dialect.NativeEvents.object;
import static io.streamlytics.collector.dialect.NativeEvents.text;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Segment's HTTP tracking API: {@code /v1/track}, {@code /identify}, {@code /page}, {@code
 * /screen}, {@code /group}, {@code /alias} (one call each) and {@code /v1/batch}. Calls become
 * events: identify {@code $identify} (traits to {@code $set}), page {@code page_view}, screen
 * {@code screen_view}, group {@code $group}, alias {@code $create_alias}.
 */
public final class SegmentDialect implements Dialect {
    private final String impliedType;
    private final int maxBodyBytes;

    /**
     * @param impliedType the call type of the endpoint ({@code track} for /v1/track); null for
     *     batches
     */
    public SegmentDialect(String impliedType, int maxBodyBytes) {
        this.impliedType = impliedType;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String name() {
        return "segment-" + (impliedType == null ? "batch" : impliedType);
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Envelope envelope(JsonNode body, Request request) {
        if (!body.isObject()) {
            throw new MappingException("body must be a JSON object");
        }
        return new Envelope(
                NativeEvents.firstText(body, "writeKey", "write_key"), List.of(body), null);
    }

    @Override
    public ObjectNode toNative(JsonNode event, Request request) {
        NativeEvents.requireObject(event);
        String type = event.path("type").isString() ? event.path("type").asString() : impliedType;
        if (type == null) {
            throw new MappingException(
                    "type: required for a Segment call (track, identify, page, screen, group, alias)");
        }
        ObjectNode out = NativeEvents.object();
        ObjectNode properties =
                event.path("properties").isObject()
                        ? ((ObjectNode) event.path("properties")).deepCopy()
                        : NativeEvents.object();
        switch (type) {
            case "track" -> text(event, "event", out, "event");
            case "identify" -> {
                out.put("event", "$identify");
                JsonNode traits =
                        event.path("traits").isObject()
                                ? event.path("traits")
                                : event.path("context").path("traits");
                if (traits.isObject()) {
                    out.set("$set", traits);
                }
            }
            case "page" -> {
                out.put("event", "page_view");
                text(event, "name", properties, "name");
            }
            case "screen" -> {
                out.put("event", "screen_view");
                text(event, "name", properties, "name");
            }
            case "group" -> {
                out.put("event", "$group");
                id(event, "groupId", properties, "group_id");
                object(event, "traits", properties, "group_traits");
            }
            case "alias" -> {
                out.put("event", "$create_alias");
                id(event, "previousId", properties, "previous_id");
            }
            default ->
                    throw new MappingException("type: '" + type + "' is not a Segment call type");
        }
        id(event, "userId", out, "user_id");
        id(event, "anonymousId", out, "anonymous_id");
        text(event, "messageId", out, "insert_id");
        text(event, "timestamp", out, "timestamp");
        text(event, "sentAt", out, "sent_at");
        out.set("properties", properties);
        mapContext(
                event.path("context"),
                type.equals("page") ? properties : NativeEvents.object(),
                out);
        return out;
    }

    private static void mapContext(JsonNode in, JsonNode pageProperties, ObjectNode event) {
        ObjectNode context = context(event);
        ObjectNode page = child(context, "page");
        for (String field : List.of("url", "path", "referrer", "title")) {
            text(in.path("page"), field, page, field);
            text(pageProperties, field, page, field);
        }
        text(in, "userAgent", context, "user_agent");
        text(in, "ip", context, "ip");
        text(in, "locale", context, "locale");
        object(in, "library", context, "library");
        ObjectNode screen = child(context, "screen");
        integer(in.path("screen"), "width", screen, "width");
        integer(in.path("screen"), "height", screen, "height");
        ObjectNode campaign = child(context, "campaign");
        for (String field : List.of("source", "medium", "name", "term", "content")) {
            text(in.path("campaign"), field, campaign, field);
        }
    }
}
