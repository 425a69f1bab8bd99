package io.streamlytics.console.insights.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.core.clickhouse.ClickHouse;
import java.util.List;
import org.springframework.stereotype.Service;

/** The event names a project has sent lately, for the builders' pickers. */
@Service
public class EventCatalog {
    static final int MAX = 500;

    private final ClickHouse clickhouse;
    private final ProjectAccess access;

    public EventCatalog(ClickHouse clickhouse, ProjectAccess access) {
        this.clickhouse = clickhouse;
        this.access = access;
    }

    /** Names of the last 90 days, most frequent first. */
    public List<String> eventNames(Actor actor, long projectId) {
        access.requireRead(actor, projectId);
        return clickhouse
                .query(
                        "SELECT event, count() AS n FROM "
                                + clickhouse.table("events")
                                + " WHERE project_id = "
                                + projectId
                                + " AND timestamp >= now() - INTERVAL 90 DAY"
                                + " GROUP BY event ORDER BY n DESC, event LIMIT "
                                + MAX)
                .stream()
                .map(row -> row.path("event").asString())
                .toList();
    }
}
