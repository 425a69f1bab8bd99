package io.streamlytics.flink.rules;

import io.streamlytics.flink.clickhouse.MonthlyPartitions;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link FunnelProgress} as a row of ClickHouse {@code funnel_progress}, by month of {@code at}.
 */
public final class FunnelProgressRowFormat implements RowFormat<FunnelProgress> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final PartitionFilter PARTITION_FILTER = MonthlyPartitions.filter("at");

    @Override
    public String partition(FunnelProgress p) {
        return MonthlyPartitions.of(p.at);
    }

    @Override
    public byte[] toJsonRow(FunnelProgress p, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("project_id", p.projectId);
        row.put("rule_id", p.ruleId);
        row.put("rule_version", p.ruleVersion);
        row.put("step", p.step);
        row.put("steps", p.steps);
        row.put("step_name", p.stepName);
        row.put("key", p.key);
        row.put("at", p.at / 1000);
        row.put("insert_id", p.insertId);
        row.put("_batch", token);
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }
}
