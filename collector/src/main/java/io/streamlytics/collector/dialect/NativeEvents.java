package io.streamlytics.collector.dialect;

import io.streamlytics.collector.body.JsonBodies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Helpers to build events in the native shape ({@code schemas/event.v1.json}). */
final class NativeEvents {
    private NativeEvents() {}

    static ObjectNode object() {
        return JsonBodies.MAPPER.createObjectNode();
    }

    static ObjectNode context(ObjectNode event) {
        JsonNode existing = event.get("context");
        return existing instanceof ObjectNode o ? o : event.putObject("context");
    }

    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode o ? o : parent.putObject(name);
    }

    /** Copies {@code from.field} into {@code to.name} when it is a non-empty string. */
    static void text(JsonNode from, String field, ObjectNode to, String name) {
        JsonNode value = from.path(field);
        if (value.isString() && !value.asString().isEmpty()) {
            to.put(name, value.asString());
        }
    }

    /** Copies an id that may be a string or an integer. */
    static void id(JsonNode from, String field, ObjectNode to, String name) {
        JsonNode value = from.path(field);
        if (value.isString() && !value.asString().isEmpty()) {
            to.put(name, value.asString());
        } else if (value.isIntegralNumber()) {
            to.put(name, value.asString());
        }
    }

    static void integer(JsonNode from, String field, ObjectNode to, String name) {
        JsonNode value = from.path(field);
        if (value.isNumber()) {
            to.put(name, value.asInt());
        }
    }

    static void object(JsonNode from, String field, ObjectNode to, String name) {
        JsonNode value = from.path(field);
        if (value.isObject()) {
            to.set(name, value);
        }
    }

    /** Epoch seconds or milliseconds (told apart by size) as an ISO-8601 instant. */
    static void epoch(JsonNode from, String field, ObjectNode to, String name) {
        JsonNode value = from.path(field);
        if (value.isNumber()) {
            double number = value.asDouble();
            long millis = number > 100_000_000_000d ? (long) number : (long) (number * 1000);
            to.put(name, Instant.ofEpochMilli(millis).toString());
        } else if (value.isString()) {
            to.put(name, value.asString());
        }
    }

    /**
     * {@code $screen_width}/{@code $screen_height} and {@code utm_*} properties, as PostHog and
     * Mixpanel send them, into the context's screen and campaign.
     */
    static void screenAndCampaign(JsonNode props, ObjectNode context) {
        ObjectNode screen = child(context, "screen");
        integer(props, "$screen_width", screen, "width");
        integer(props, "$screen_height", screen, "height");
        ObjectNode campaign = child(context, "campaign");
        text(props, "utm_source", campaign, "source");
        text(props, "utm_medium", campaign, "medium");
        text(props, "utm_campaign", campaign, "name");
        text(props, "utm_term", campaign, "term");
        text(props, "utm_content", campaign, "content");
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static Optional<String> firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isString() && !value.asString().isBlank()) {
                return Optional.of(value.asString());
            }
        }
        return Optional.empty();
    }

    static ObjectNode requireObject(JsonNode event) {
        if (!event.isObject()) {
            throw new MappingException("an event must be a JSON object");
        }
        return (ObjectNode) event;
    }
}
