package io.streamlytics.flink.sessions;

import io.streamlytics.flink.clickhouse.MonthlyPartitions;
import io.streamlytics.flink.clickhouse.PartitionFilter;
import io.streamlytics.flink.clickhouse.RowFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link SessionRow} as a row of ClickHouse {@code sessions}; partitions are {@code
 * toYYYYMM(started_at)}.
 */
public final class SessionRowFormat implements RowFormat<SessionRow> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final PartitionFilter PARTITION_FILTER = MonthlyPartitions.filter("started_at");

    @Override
    public String partition(SessionRow row) {
        return MonthlyPartitions.of(row.startedAt);
    }

    @Override
    public byte[] toJsonRow(SessionRow s, String token) {
        ObjectNode row = JSON.createObjectNode();
        row.put("project_id", s.projectId);
        row.put("session_id", s.sessionId);
        row.put("distinct_id", s.distinctId);
        row.put("person_id", s.personId);
        row.put("started_at", s.startedAt / 1000);
        row.put("ended_at", s.endedAt / 1000);
        row.put("duration_s", s.durationSeconds());
        row.put("events", s.events);
        row.put("pageviews", s.pageviews);
        row.put("entry_url", s.entryUrl);
        row.put("exit_url", s.exitUrl);
        row.put("referrer", s.referrer);
        row.put("utm_source", s.utmSource);
        row.put("utm_medium", s.utmMedium);
        row.put("utm_campaign", s.utmCampaign);
        row.put("device_type", s.deviceType);
        row.put("country", s.country);
        row.put("revenue", s.revenue);
        row.put("is_bounce", s.bounce() ? 1 : 0);
        row.put("version", s.version);
        row.put("_batch", token);
        return JSON.writeValueAsBytes(row);
    }
}
