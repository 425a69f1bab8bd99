package io.streamlytics.query.trends;

import io.streamlytics.query.model.Aggregation;
import io.streamlytics.query.model.Granularity;
import io.streamlytics.query.model.TrendsQuery;
import io.streamlytics.query.sql.EventSql;
import io.streamlytics.query.sql.FilterSql;
import io.streamlytics.query.sql.PropertySql;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a trends series aggregates, as a subquery with columns {@code t} (DateTime), {@code v}
 * (the breakdown's value), {@code p} (the person's hash), {@code n} (events) and, when the
 * aggregation takes a property, {@code x} (its number). They come from {@code events}, or, when
 * {@link PeopleHourly} answers the series, from the rollup for the whole hours of a stretch and
 * from {@code events} for the minutes either side.
 */
final class SeriesRows {
    private final TrendsQuery query;
    private final TrendsQuery.Series series;
    private final Scope scope;
    private final boolean rollup;

    private SeriesRows(TrendsQuery query, TrendsQuery.Series series, Scope scope, boolean rollup) {
        this.query = query;
        this.series = series;
        this.scope = scope;
        this.rollup = rollup;
    }

    /** Rows read from {@code events} only. */
    static SeriesRows events(TrendsQuery query, TrendsQuery.Series series, Scope scope) {
        return new SeriesRows(query, series, scope, false);
    }

    /** Rows read from the rollup wherever it answers the series, else from {@code events}. */
    static SeriesRows fastest(
            TrendsQuery query, TrendsQuery.Series series, Scope scope, Granularity granularity) {
        return new SeriesRows(
                query, series, scope, PeopleHourly.answers(query, series, granularity));
    }

    /** The rows of the scope's window. */
    String sql() {
        return sql(scope.window().from(), scope.window().to());
    }

    /** The rows of events from {@code from} (inclusive) to {@code to} (exclusive). */
    String sql(Instant from, Instant to) {
        Instant first = Instant.ofEpochSecond(-Math.floorDiv(-from.getEpochSecond(), 3600L) * 3600);
        Instant last = Instant.ofEpochSecond(Math.floorDiv(to.getEpochSecond(), 3600L) * 3600);
        if (!rollup || !first.isBefore(last) || !PeopleHourly.wholeHours(scope.zone(), from, to)) {
            return raw(from, to);
        }
        List<String> pieces = new ArrayList<>(3);
        if (from.isBefore(first)) {
            pieces.add(raw(from, first));
        }
        pieces.add(rolledUp(first, last));
        if (last.isBefore(to)) {
            pieces.add(raw(last, to));
        }
        return String.join(" UNION ALL ", pieces);
    }

    private String raw(Instant from, Instant to) {
        Aggregation aggregation = series.aggregation();
        String x =
                aggregation.type().needsProperty()
                        ? ", " + PropertySql.number(aggregation.property()) + " AS x"
                        : "";
        return piece(scope.table(), "timestamp", Scope.PERSON_HASH, "toUInt64(1)", x, from, to);
    }

    private String rolledUp(Instant from, Instant to) {
        return piece(
                scope.sibling(PeopleHourly.TABLE), "hour", "person_hash", "events", "", from, to);
    }

    /** {@code more} is any columns after the four, each with a leading comma. */
    private String piece(
            String table,
            String time,
            String person,
            String events,
            String more,
            Instant from,
            Instant to) {
        return "SELECT "
                + time
                + " AS t, "
                + breakdown()
                + " AS v, "
                + person
                + " AS p, "
                + events
                + " AS n"
                + more
                + " FROM "
                + table
                + " WHERE "
                + scope.where(time, from, to)
                + " AND "
                + EventSql.matches(series.events(), scope)
                + " AND "
                + FilterSql.all(query.filters(), scope);
    }

    private String breakdown() {
        return query.breakdown() == null ? "''" : PropertySql.string(query.breakdown().property());
    }
}
