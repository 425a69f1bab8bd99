package io.streamlytics.console.exports.service;

import io.streamlytics.console.exports.domain.Column;
import io.streamlytics.console.exports.domain.EventCursor;
import io.streamlytics.console.exports.domain.EventPage;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.Sql;
import io.streamlytics.query.model.TimeRange;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project's raw events, page by page in the order of (timestamp, insert_id): each page starts
 * after the previous one's last event (keyset), so reading a month costs one indexed range scan per
 * page and never holds more than a page. The IP address is left out: personal data, and the
 * collector has already turned it into a country.
 */
@Service
public class EventPages {
    public static final int MAX_PAGE = 10_000;

    /** The exported columns, in order. */
    public static final List<Column> COLUMNS =
            List.of(
                    Column.string("insert_id"),
                    Column.string("event"),
                    Column.string("distinct_id"),
                    Column.string("person_id"),
                    Column.string("user_id"),
                    Column.string("anonymous_id"),
                    Column.string("session_id"),
                    new Column("timestamp", Column.Type.TIMESTAMP),
                    new Column("received_at", Column.Type.TIMESTAMP),
                    new Column("properties", Column.Type.JSON),
                    Column.string("page_url"),
                    Column.string("page_path"),
                    Column.string("page_referrer"),
                    Column.string("page_title"),
                    Column.string("referrer_domain"),
                    Column.string("browser"),
                    Column.string("browser_version"),
                    Column.string("os"),
                    Column.string("os_version"),
                    Column.string("device_type"),
                    Column.string("country"),
                    Column.string("library_name"),
                    Column.string("library_version"),
                    Column.string("locale"),
                    Column.string("utm_source"),
                    Column.string("utm_medium"),
                    Column.string("utm_campaign"),
                    Column.string("utm_term"),
                    Column.string("utm_content"));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT =
            COLUMNS.stream()
                    .map(
                            c ->
                                    c.type() == Column.Type.TIMESTAMP
                                            // an alias of its own: ClickHouse refuses one that
                                            // shadows the column the WHERE reads
                                            ? "toUInt32(" + c.name() + ") AS " + c.name() + "_s"
                                            : c.name())
                    .collect(Collectors.joining(", "));

    private final ClickHouse clickhouse;

    public EventPages(ClickHouse clickhouse) {
        this.clickhouse = clickhouse;
    }

    /** How many events the range holds. */
    public long count(long projectId, Instant from, Instant to, List<String> events) {
        return clickhouse.queryLong(
                "SELECT count() AS n FROM "
                        + clickhouse.table("events")
                        + " WHERE "
                        + where(projectId, from, to, events),
                "n");
    }

    /** Up to {@code limit} events after {@code after} (null: from the start of the range). */
    public EventPage page(
            long projectId,
            Instant from,
            Instant to,
            List<String> events,
            EventCursor after,
            int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit: 1 to " + MAX_PAGE + " events a page");
        }
        String sql =
                "SELECT "
                        + SELECT
                        + " FROM "
                        + clickhouse.table("events")
                        + " WHERE "
                        + where(projectId, from, to, events)
                        + (after == null
                                ? ""
                                : " AND (timestamp > toDateTime("
                                        + after.timestamp()
                                        + ") OR (timestamp = toDateTime("
                                        + after.timestamp()
                                        + ") AND insert_id > "
                                        + Sql.quote(after.insertId())
                                        + "))")
                        + " ORDER BY timestamp, insert_id LIMIT "
                        + limit;
        List<JsonNode> rows = clickhouse.query(sql);
        List<JsonNode> page = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            ObjectNode event = JSON.createObjectNode();
            for (Column column : COLUMNS) {
                switch (column.type()) {
                    case TIMESTAMP ->
                            event.put(column.name(), row.path(column.name() + "_s").asLong());
                    default -> event.put(column.name(), row.path(column.name()).asString(""));
                }
            }
            page.add(event);
        }
        EventCursor next =
                page.size() < limit
                        ? null
                        : new EventCursor(
                                page.get(page.size() - 1).path("timestamp").asLong(),
                                page.get(page.size() - 1).path("insert_id").asString());
        return new EventPage(page, next);
    }

    private String where(long projectId, Instant from, Instant to, List<String> events) {
        String range =
                new Scope(
                                clickhouse.table("events"),
                                projectId,
                                new TimeRange.Window(from, to),
                                ZoneOffset.UTC)
                        .where();
        if (events == null || events.isEmpty()) {
            return range;
        }
        return range
                + " AND event IN ("
                + events.stream().map(Sql::quote).collect(Collectors.joining(", "))
                + ")";
    }
}
