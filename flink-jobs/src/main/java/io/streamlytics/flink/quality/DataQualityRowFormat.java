package io.streamlytics.flink.quality;

import io.streamlytics.flink.clickhouse.MonthlyPartitions;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A {@link DataQualityRow} as a row of ClickHouse {@code data_quality}; partitions by month. */
public final class DataQualityRowFormat implements RowFormat<DataQualityRow> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final PartitionFilter PARTITION_FILTER = MonthlyPartitions.filter("hour");

    @Override
    public String partition(DataQualityRow row) {
        return MonthlyPartitions.of(row.hour);
    }

    @Override
    public byte[] toJsonRow(DataQualityRow r, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("hour", r.hour / 1000);
        row.put("project_id", r.projectId);
        row.put("event", r.event);
        row.put("events", r.events);
        row.put("invalid", r.invalid);
        row.put("invalid_reasons", r.invalidReasons);
        var added = row.putArray("new_properties");
        for (String name : r.newProperties) {
            added.add(name);
        }
        var changed = row.putArray("type_changes");
        for (String change : r.typeChanges) {
            changed.add(change);
        }
        row.put("null_rates", r.nullRates);
        row.put("same_hour_last_week", r.sameHourLastWeek);
        row.put("anomaly", r.anomaly ? 1 : 0);
        row.put("anomaly_score", r.anomalyScore);
        row.put("_batch", token);
        return JSON.writeValueAsBytes(row);
    }
}
