package io.streamlytics.query;

import io.streamlytics.core.clickhouse.ClickHouse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Hand-written events with known answers, written to a ClickHouse events table. */
final class KnownEvents {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long projectId;
    private final List<ObjectNode> rows = new ArrayList<>();

    KnownEvents(long projectId) {
        this.projectId = projectId;
    }

    /**
     * An event of {@code person} at {@code time} (ISO instant) with properties as key, value pairs.
     */
    KnownEvents add(String person, String event, String time, Object... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        return add(person, event, time, props, Map.of());
    }

    KnownEvents add(
            String person,
            String event,
            String time,
            Map<String, Object> properties,
            Map<String, String> columns) {
        ObjectNode row = JSON.createObjectNode();
        row.put("project_id", projectId);
        row.put("insert_id", "i" + rows.size());
        row.put("event", event);
        row.put("distinct_id", "d-" + person);
        row.put("person_id", person);
        row.put("timestamp", Instant.parse(time).getEpochSecond());
        row.put("properties", JSON.writeValueAsString(properties));
        columns.forEach(row::put);
        rows.add(row);
        return this;
    }

    void writeTo(ClickHouse clickhouse) {
        StringBuilder text = new StringBuilder();
        rows.forEach(r -> text.append(r).append('\n'));
        clickhouse.insertJsonEachRow("events", text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
