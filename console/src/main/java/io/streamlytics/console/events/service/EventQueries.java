package io.streamlytics.console.events.service;

import io.streamlytics.console.access.domain.Actor;
import io.streamlytics.console.access.service.ProjectAccess;
import io.streamlytics.console.events.domain.DailyCount;
import io.streamlytics.console.events.domain.RecentEvent;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.Sql;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Reads event counts and the latest events of a project from ClickHouse. */
@Service
public class EventQueries {
    private final ClickHouse clickhouse;
    private final Clock clock;
    private final ProjectAccess access;

    public EventQueries(ClickHouse clickhouse, Clock clock, ProjectAccess access) {
        this.clickhouse = clickhouse;
        this.clock = clock;
        this.access = access;
    }

    /**
     * One entry per day of the last {@code days} days, today included; days without events count 0.
     */
    public List<DailyCount> dailyCounts(Actor actor, long projectId, int days) {
        access.requireRead(actor, projectId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, DailyCount> stored =
                clickhouse
                        .query(
                                "SELECT toString(day) AS d, countMerge(events) AS events,"
                                        + " uniqMerge(users) AS users FROM "
                                        + clickhouse.table("daily_metrics")
                                        + " WHERE project_id = "
                                        + projectId
                                        + " AND day >= toDate("
                                        + Sql.quote(first.toString())
                                        + ") GROUP BY day")
                        .stream()
                        .map(
                                row ->
                                        new DailyCount(
                                                LocalDate.parse(row.path("d").asString()),
                                                row.path("events").asLong(),
                                                row.path("users").asLong()))
                        .collect(Collectors.toMap(DailyCount::day, Function.identity()));
        List<DailyCount> result = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            result.add(stored.getOrDefault(day, new DailyCount(day, 0, 0)));
        }
        return result;
    }

    /** The most recent events of the last week, newest first. */
    public List<RecentEvent> latest(Actor actor, long projectId, int limit) {
        access.requireRead(actor, projectId);
        return clickhouse
                .query(
                        "SELECT toUnixTimestamp(timestamp) AS ts, event, distinct_id, page_path,"
                                + " properties FROM "
                                + clickhouse.table("events")
                                + " WHERE project_id = "
                                + projectId
                                + " AND timestamp >= toDateTime("
                                + clock.instant()
                                        .minus(java.time.Duration.ofDays(7))
                                        .getEpochSecond()
                                + ")"
                                + " ORDER BY timestamp DESC LIMIT "
                                + Math.max(1, Math.min(limit, 1000)))
                .stream()
                .map(
                        row ->
                                new RecentEvent(
                                        Instant.ofEpochSecond(row.path("ts").asLong()),
                                        row.path("event").asString(),
                                        row.path("distinct_id").asString(),
                                        row.path("page_path").asString(),
                                        row.path("properties").asString()))
                .toList();
    }
}
