package io.streamlytics.ceprules.rule;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A detection as it travels on Kafka {@code alerts}, written by the Rules job and read by the alert
 * engine:
 *
 * <pre>{"project_id": 1, "rule_id": "cart-abandoned", "rule_version": 2, "key": "ann",
 * "at": 1793617800000, "state": "firing", "value": 0, "summary": "…",
 * "steps": [{"name": "cart", "insert_ids": ["a1"], "timestamps": [1793613600000]}]}</pre>
 */
public final class DetectionJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DetectionJson() {}

    /** The record key: one alert's firing and resolution stay in one partition, in order. */
    public static byte[] key(Detection d) {
        return (d.projectId + ":" + d.ruleId + ":" + d.key).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] write(Detection d) {
        ObjectNode json = JSON.createObjectNode();
        json.put("project_id", d.projectId);
        json.put("rule_id", d.ruleId);
        json.put("rule_version", d.ruleVersion);
        json.put("key", d.key);
        json.put("at", d.at);
        json.put("state", d.firing ? "firing" : "resolved");
        json.put("value", d.value);
        json.put("summary", d.summary);
        ArrayNode steps = json.putArray("steps");
        for (Detection.MatchedStep s : d.steps) {
            ObjectNode step = steps.addObject();
            step.put("name", s.name);
            s.insertIds.forEach(step.putArray("insert_ids")::add);
            s.timestamps.forEach(step.putArray("timestamps")::add);
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The detection a record holds; {@link IllegalArgumentException} when it is not one. */
    public static Detection read(byte[] value) {
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!json.path("project_id").canConvertToLong()
                || json.path("rule_id").asString("").isEmpty()
                || !json.path("at").canConvertToLong()) {
            throw new IllegalArgumentException("not a detection: " + json);
        }
        Detection d = new Detection();
        d.projectId = json.path("project_id").asLong();
        d.ruleId = json.path("rule_id").asString();
        d.ruleVersion = json.path("rule_version").asInt();
        d.key = json.path("key").asString("");
        d.at = json.path("at").asLong();
        d.firing = !"resolved".equals(json.path("state").asString());
        d.value = json.path("value").asDouble();
        d.summary = json.path("summary").asString("");
        for (JsonNode s : json.path("steps")) {
            Detection.MatchedStep step = new Detection.MatchedStep();
            step.name = s.path("name").asString();
            s.path("insert_ids").forEach(id -> step.insertIds.add(id.asString()));
            s.path("timestamps").forEach(t -> step.timestamps.add(t.asLong()));
            d.steps.add(step);
        }
        return d;
    }
}
