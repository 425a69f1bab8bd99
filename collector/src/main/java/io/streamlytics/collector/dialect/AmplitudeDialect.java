package io.streamlytics.collector.dialect;

import static io.streamlytics.collector.dialect.NativeEvents.context;
import static io.streamlytics.collector.dialect.NativeEvents.epoch;
import static io.streamlytics.collector.dialect.NativeEvents.id;
import static io.streamlytics.collector.dialect.NativeEvents.text;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amplitude's HTTP V2 and Batch APIs ({@code /2/httpapi}, {@code /batch}): {@code {"api_key",
 * "events": [...]}} with {@code event_type}, {@code user_id} / {@code device_id}, {@code time} in
 * milliseconds, {@code insert_id}, {@code event_properties} and {@code user_properties} (identify
 * operations {@code $set} / {@code $setOnce}, or plain properties that are set).
 */
public final class AmplitudeDialect implements Dialect {
    private final int maxBodyBytes;

    public AmplitudeDialect(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String name() {
        return "amplitude";
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Envelope envelope(JsonNode body, Request request) {
        if (!body.isObject() || !body.path("events").isArray()) {
            throw new MappingException("body must be {\"api_key\": ..., \"events\": [...]}");
        }
        return new Envelope(
                NativeEvents.firstText(body, "api_key"),
                NativeEvents.elements(body.path("events")),
                null);
    }

    @Override
    public ObjectNode toNative(JsonNode event, Request request) {
        NativeEvents.requireObject(event);
        ObjectNode out = NativeEvents.object();
        text(event, "event_type", out, "event");
        id(event, "user_id", out, "user_id");
        id(event, "device_id", out, "anonymous_id");
        id(event, "user_id", out, "distinct_id");
        if (!out.has("distinct_id")) {
            id(event, "device_id", out, "distinct_id");
        }
        text(event, "insert_id", out, "insert_id");
        epoch(event, "time", out, "timestamp");
        JsonNode props = event.path("event_properties");
        ObjectNode properties =
                props.isObject() ? ((ObjectNode) props).deepCopy() : NativeEvents.object();
        // Amplitude's session id is the session start in epoch ms; -1 marks an event outside one
        JsonNode session = event.path("session_id");
        if (session.isIntegralNumber() && session.asLong() > 0) {
            properties.put("$session_id", session.asString());
        }
        out.set("properties", properties);
        JsonNode user = event.path("user_properties");
        if (user.isObject()) {
            boolean operations = user.has("$set") || user.has("$setOnce");
            if (operations) {
                NativeEvents.object(user, "$set", out, "$set");
                NativeEvents.object(user, "$setOnce", out, "$set_once");
            } else {
                out.set("$set", user);
            }
        }
        ObjectNode context = context(out);
        text(event, "ip", context, "ip");
        text(event, "language", context, "locale");
        text(event, "user_agent", context, "user_agent");
        JsonNode library = event.path("library");
        if (library.isString()) {
            String[] parts = library.asString().split("/", 2);
            ObjectNode lib = context.putObject("library");
            lib.put("name", parts[0]);
            if (parts.length > 1) {
                lib.put("version", parts[1]);
            }
        }
        return out;
    }
}
