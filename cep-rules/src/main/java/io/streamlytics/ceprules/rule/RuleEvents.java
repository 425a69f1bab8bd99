package io.streamlytics.ceprules.rule;

import io.streamlytics.core.event.Event;
import io.streamlytics.core.event.EventContext;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rule events from the pipeline's events, or from NDJSON lines for {@code rules test}. */
public final class RuleEvents {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RuleEvents() {}

    /** An event of {@code events.enriched}: its properties and the pipeline's columns. */
    public static RuleEvent of(Event e) {
        RuleEvent r = new RuleEvent();
        r.projectId = e.projectId;
        r.insertId = e.insertId;
        r.event = e.event;
        r.person = e.personId.isEmpty() ? e.distinctId : e.personId;
        r.session = e.sessionId;
        r.timestamp = e.timestamp;
        r.receivedAt = e.receivedAt;
        properties(JSON.readTree(e.properties), r.properties);
        builtIns(e.context, r.properties);
        return r;
    }

    /**
     * A line of NDJSON: {@code {"event": "signup", "distinct_id": "ann", "timestamp":
     * "2026-11-02T10:00:00Z" (or epoch ms), "properties": {…}}}, optionally with {@code
     * project_id}, {@code person_id}, {@code session_id} and {@code insert_id}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static RuleEvent ofJson(String line) {
        JsonNode json = JSON.readTree(line);
        if (!json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        RuleEvent r = new RuleEvent();
        r.event = required(json, "event");
        String person = json.path("person_id").asString("");
        r.person = person.isEmpty() ? required(json, "distinct_id") : person;
        r.projectId = json.path("project_id").asLong(1);
        r.session = json.path("session_id").asString("");
        r.insertId = json.path("insert_id").asString("");
        JsonNode ts = json.get("timestamp");
        if (ts == null) {
            throw new IllegalArgumentException("\"timestamp\" is missing");
        }
        try {
            r.timestamp = ts.isNumber() ? ts.asLong() : Instant.parse(ts.asString()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "\"timestamp\" is neither epoch milliseconds nor an ISO instant: " + ts);
        }
        properties(json.path("properties"), r.properties);
        return r;
    }

    private static String required(JsonNode json, String field) {
        String value = json.path(field).asString("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return value;
    }

    private static void properties(JsonNode json, Map<String, String> into) {
        if (!json.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> p : json.properties()) {
            JsonNode v = p.getValue();
            if (v.isNull()) {
                continue;
            }
            into.put(p.getKey(), v.isValueNode() ? v.asString() : v.toString());
        }
    }

    /** The collector's columns under the query model's built-in names, when not empty. */
    private static void builtIns(EventContext c, Map<String, String> into) {
        put(into, "$browser", c.browser);
        put(into, "$browser_version", c.browserVersion);
        put(into, "$os", c.os);
        put(into, "$os_version", c.osVersion);
        put(into, "$device_type", c.deviceType);
        put(into, "$country", c.country);
        put(into, "$pathname", c.pagePath);
        put(into, "$current_url", c.pageUrl);
        put(into, "$title", c.pageTitle);
        put(into, "$referrer", c.pageReferrer);
        put(into, "$referring_domain", c.referrerDomain);
        put(into, "$utm_source", c.utmSource);
        put(into, "$utm_medium", c.utmMedium);
        put(into, "$utm_campaign", c.utmCampaign);
        put(into, "$utm_term", c.utmTerm);
        put(into, "$utm_content", c.utmContent);
        put(into, "$library", c.libraryName);
        put(into, "$locale", c.locale);
    }

    private static void put(Map<String, String> into, String name, String value) {
        if (value != null && !value.isEmpty()) {
            into.put(name, value);
        }
    }
}
