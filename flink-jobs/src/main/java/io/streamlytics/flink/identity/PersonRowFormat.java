package io.streamlytics.flink.identity;

import io.streamlytics.flink.clickhouse.RowFormat;
import io.streamlytics.flink.clickhouse.Unpartitioned;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A {@link PersonRow} as a row of ClickHouse {@code persons}. */
public final class PersonRowFormat implements RowFormat<PersonRow> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String partition(PersonRow row) {
        return Unpartitioned.PARTITION;
    }

    @Override
    public byte[] toJsonRow(PersonRow p, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("project_id", p.projectId);
        row.put("person_id", p.personId);
        row.put("properties", p.properties);
        row.put("created_at", p.createdAt / 1000);
        row.put("updated_at", p.updatedAt / 1000);
        row.put("is_deleted", 0);
        row.put("version", p.version);
        row.put("_batch", token);
        return JSON.writeValueAsBytes(row);
    }
}
