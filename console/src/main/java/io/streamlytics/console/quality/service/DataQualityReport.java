package io.streamlytics.console.quality.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.AuditLog;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.quality.domain.QualityHour;
import io.streamlytics.core.clickhouse.ClickHouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * A project's data quality, hour by hour, as the pipeline writes it to ClickHouse {@code
 * data_quality}: volume against last week, rejections and why, schema drift.
 */
@Service
public class DataQualityReport {
    public static final int MAX_ROWS = 2000;

    private final ClickHouse clickhouse;
    private final ProjectAccess access;
    private final AuditLog audit;

    public DataQualityReport(ClickHouse clickhouse, ProjectAccess access, AuditLog audit) {
        this.clickhouse = clickhouse;
        this.access = access;
        this.audit = audit;
    }

    /** The hours since {@code since}, newest first; anomalies and problems first within an hour. */
    public List<QualityHour> hours(Actor actor, long projectId, Instant since) {
        access.requireRead(actor, projectId);
        audit.record(actor, projectId, "view data quality", "");
        List<QualityHour> hours = new ArrayList<>();
        for (JsonNode row :
                clickhouse.query(
                        "SELECT toUInt32(hour) AS hour_s, event, events, invalid, invalid_reasons,"
                                + " new_properties, type_changes, same_hour_last_week, anomaly,"
                                + " anomaly_score FROM "
                                + clickhouse.table("data_quality")
                                + " WHERE project_id = "
                                + projectId
                                + " AND hour >= toDateTime("
                                + since.getEpochSecond()
                                + ") ORDER BY hour DESC, anomaly DESC, invalid DESC, event"
                                + " LIMIT "
                                + MAX_ROWS)) {
            hours.add(
                    new QualityHour(
                            Instant.ofEpochSecond(row.path("hour_s").asLong()),
                            row.path("event").asString(),
                            row.path("events").asLong(),
                            row.path("invalid").asLong(),
                            row.path("invalid_reasons").asString(),
                            strings(row.path("new_properties")),
                            strings(row.path("type_changes")),
                            row.path("same_hour_last_week").asLong(),
                            row.path("anomaly").asInt() == 1,
                            row.path("anomaly_score").asDouble()));
        }
        return hours;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
