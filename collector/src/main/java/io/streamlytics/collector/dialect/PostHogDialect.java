package io.streamlytics.collector.dialect;

import static io.streamlytics.collector.dialect.NativeEvents.child;
import static io.streamlytics.collector.dialect.NativeEvents.context;
import static io.streamlytics.collector.dialect.NativeEvents.id;
import static io.streamlytics.collector.dialect.NativeEvents.text;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PostHog's capture API: {@code /capture/}, {@code /batch/}, {@code /e/}, {@code /i/v0/e/}. A body
 * is one event, an array of events, or {@code {"api_key", "batch": [...]}}; the project key is
 * {@code api_key} (or {@code token}) in the body. {@code $set}/{@code $set_once} may sit in the
 * event or in its properties; {@code $current_url}, {@code $referrer}, {@code $lib} and friends
 * fill the context.
 */
public final class PostHogDialect implements Dialect {
    private final int maxBodyBytes;

    public PostHogDialect(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String name() {
        return "posthog";
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public Envelope envelope(JsonNode body, Request request) {
        if (body.isArray()) {
            List<JsonNode> events = NativeEvents.elements(body);
            Optional<String> key = events.isEmpty() ? Optional.empty() : key(events.get(0));
            return new Envelope(key, events, null);
        }
        if (!body.isObject()) {
            throw new MappingException(
                    "body must be an event, an array of events or {\"api_key\", \"batch\": [...]}");
        }
        String sentAt = NativeEvents.firstText(body, "sent_at").orElse(null);
        if (body.path("batch").isArray()) {
            List<JsonNode> events = NativeEvents.elements(body.path("batch"));
            Optional<String> key =
                    key(body).or(() -> events.isEmpty() ? Optional.empty() : key(events.get(0)));
            return new Envelope(key, events, sentAt);
        }
        return new Envelope(key(body), List.of(body), sentAt);
    }

    private static Optional<String> key(JsonNode node) {
        return NativeEvents.firstText(node, "api_key", "token")
                .or(() -> NativeEvents.firstText(node.path("properties"), "token", "api_key"));
    }

    @Override
    public ObjectNode toNative(JsonNode event, Request request) {
        NativeEvents.requireObject(event);
        ObjectNode out = NativeEvents.object();
        text(event, "event", out, "event");
        JsonNode props = event.path("properties");
        id(event, "distinct_id", out, "distinct_id");
        if (!out.has("distinct_id")) {
            id(props, "distinct_id", out, "distinct_id");
            id(props, "$distinct_id", out, "distinct_id");
        }
        text(event, "uuid", out, "insert_id");
        if (!out.has("insert_id")) {
            text(props, "$insert_id", out, "insert_id");
        }
        text(event, "timestamp", out, "timestamp");
        if (!out.has("timestamp") && event.path("offset").isNumber()) {
            // posthog-js sends how long ago the event happened instead of a time
            out.put(
                    "timestamp",
                    request.receivedAt().minusMillis(event.path("offset").asLong()).toString());
        }
        ObjectNode properties =
                props.isObject() ? ((ObjectNode) props).deepCopy() : NativeEvents.object();
        for (String operation : List.of("$set", "$set_once")) {
            JsonNode value =
                    event.path(operation).isObject()
                            ? event.path(operation)
                            : properties.path(operation);
            if (value.isObject()) {
                out.set(operation, value);
            }
            properties.remove(operation);
        }
        properties.remove("token");
        properties.remove("api_key");
        out.set("properties", properties);

        ObjectNode context = context(out);
        ObjectNode page = child(context, "page");
        text(props, "$current_url", page, "url");
        text(props, "$pathname", page, "path");
        text(props, "$referrer", page, "referrer");
        text(props, "title", page, "title");
        text(props, "$raw_user_agent", context, "user_agent");
        text(props, "$ip", context, "ip");
        text(props, "$locale", context, "locale");
        ObjectNode library = child(context, "library");
        text(props, "$lib", library, "name");
        text(props, "$lib_version", library, "version");
        NativeEvents.screenAndCampaign(props, context);
        return out;
    }
}
