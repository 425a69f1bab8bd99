package io.streamlytics.query.sql;

import io.streamlytics.core.clickhouse.Sql;
import io.streamlytics.query.model.TimeRange.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Which rows of {@code events} an analysis reads: one project, one time window. The condition names
 * {@code project_id} and {@code toDate(timestamp)} as the table's ORDER BY does, so ClickHouse
 * skips granules by the key's prefix, and {@code timestamp} for the partitions.
 */
public record Scope(String table, long projectId, Window window, ZoneId zone) {

    /**
     * The person an event belongs to: the identity the pipeline resolved it to, else its
     * distinct_id.
     */
    public static final String PERSON = "if(person_id != '', person_id, distinct_id)";

    /**
     * What distinct people are counted by: a 64-bit hash of {@link #PERSON} is a third faster in
     * uniqExact than the string, and two of a project's people collide about once in 10^9 projects
     * of 200,000 people.
     */
    public static final String PERSON_HASH = "cityHash64(" + PERSON + ")";

    /** Another table of the same database. */
    public String sibling(String name) {
        return table.substring(0, table.indexOf('.') + 1) + Sql.identifier(name);
    }

    public String where() {
        return where(window.from(), window.to());
    }

    /** The same project over another stretch of time (a funnel's window past the range's end). */
    public String where(Instant from, Instant to) {
        return where("timestamp", from, to);
    }

    /**
     * The same for a table whose time column is {@code time} and whose ORDER BY begins with {@code
     * project_id, toDate(time)}, as {@code events}' does.
     */
    public String where(String time, Instant from, Instant to) {
        return "project_id = "
                + projectId
                + " AND toDate("
                + time
                + ") >= "
                + date(from)
                + " AND toDate("
                + time
                + ") <= "
                + date(to)
                + " AND "
                + time
                + " >= toDateTime("
                + from.getEpochSecond()
                + ") AND "
                + time
                + " < toDateTime("
                + to.getEpochSecond()
                + ")";
    }

    /** The project's timezone as a SQL literal, for toDate(timestamp, zone) and friends. */
    public String tz() {
        // java.time writes UTC as "Z", a name ClickHouse's time zone database does not have
        return Sql.quote(zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
    }

    public Scope over(Window other) {
        return new Scope(table, projectId, other, zone);
    }

    private static String date(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return "toDate('" + day + "')";
    }
}
