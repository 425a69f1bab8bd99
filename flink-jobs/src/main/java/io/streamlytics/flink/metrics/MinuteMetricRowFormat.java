package io.streamlytics.flink.metrics;

import io.streamlytics.flink.clickhouse.MonthlyPartitions;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A final {@link MinuteMetric} as a row of ClickHouse {@code metrics_1m}; partitions by month. */
public final class MinuteMetricRowFormat implements RowFormat<MinuteMetric> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final PartitionFilter PARTITION_FILTER = MonthlyPartitions.filter("minute");

    @Override
    public String partition(MinuteMetric m) {
        return MonthlyPartitions.of(m.minute);
    }

    @Override
    public byte[] toJsonRow(MinuteMetric m, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("minute", m.minute / 1000);
        row.put("project_id", m.projectId);
        row.put("event", m.event);
        row.put("dimension", m.dimension);
        row.put("value", m.value);
        row.put("events", m.count);
        row.put("uniques", m.uniques);
        ArrayNode names = row.putArray("measure_names");
        ArrayNode counts = row.putArray("measure_counts");
        ArrayNode sums = row.putArray("measure_sums");
        ArrayNode p50 = row.putArray("measure_p50");
        ArrayNode p95 = row.putArray("measure_p95");
        for (MeasureValue v : m.measures) {
            names.add(v.name);
            counts.add(v.count);
            sums.add(v.sum);
            p50.add(v.p50);
            p95.add(v.p95);
        }
        row.put("_batch", token);
        return JSON.writeValueAsBytes(row);
    }
}
