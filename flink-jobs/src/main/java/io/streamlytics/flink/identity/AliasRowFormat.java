package io.streamlytics.flink.identity;

import io.streamlytics.flink.clickhouse.RowFormat;
import io.streamlytics.flink.clickhouse.Unpartitioned;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** An {@link AliasRow} as a row of ClickHouse {@code person_aliases}. */
public final class AliasRowFormat implements RowFormat<AliasRow> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String partition(AliasRow row) {
        return Unpartitioned.PARTITION;
    }

    @Override
    public byte[] toJsonRow(AliasRow a, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("project_id", a.projectId);
        row.put("distinct_id", a.distinctId);
        row.put("person_id", a.personId);
        row.put("is_deleted", 0);
        row.put("version", a.version);
        row.put("_batch", token);
        return JSON.writeValueAsBytes(row);
    }
}
