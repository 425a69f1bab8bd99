package io.streamlytics.query.trends;

import io.streamlytics.query.model.Aggregation;
import io.streamlytics.query.model.Breakdown;
import io.streamlytics.query.model.TrendsQuery;
import io.streamlytics.query.sql.Buckets;
import io.streamlytics.query.sql.EventSql;
import io.streamlytics.query.sql.FilterSql;
import io.streamlytics.query.sql.PropertySql;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;

/**
 * The SQL of one trends series: rows of bucket key {@code b}, breakdown value {@code v} and {@code
 * value}.
 */
final class SeriesSql {
    private SeriesSql() {}

    /**
     * The series with its breakdown's values counted alongside ({@code events}), no top values
     * chosen: when a breakdown has few values this is one scan instead of two, and the caller picks
     * the top values by events just as {@link #of} would.
     */
    static String withEveryValue(
            TrendsQuery query, TrendsQuery.Series series, Scope scope, Buckets buckets) {
        return bucketed(
                query, series, scope, buckets, unranked(query, series, scope, scope.where()));
    }

    /** Whether {@link #withEveryValue} can stand for {@link #of}. */
    static boolean plain(TrendsQuery query, TrendsQuery.Series series) {
        Aggregation.Type type = series.aggregation().type();
        return query.breakdown() != null && !type.rolling() && type != Aggregation.Type.STICKINESS;
    }

    static String of(TrendsQuery query, TrendsQuery.Series series, Scope scope, Buckets buckets) {
        Aggregation.Type type = series.aggregation().type();
        if (type.rolling()) {
            return rolling(query, series, scope);
        }
        if (type == Aggregation.Type.STICKINESS) {
            return "SELECT toString(n) AS b, v, count() AS value FROM (SELECT "
                    + Scope.PERSON
                    + " AS person, "
                    + breakdown(query)
                    + " AS v, uniqExact("
                    + buckets.sql(scope.tz())
                    + ") AS n FROM "
                    + scope.table()
                    + " WHERE "
                    + where(query, series, scope, scope.where())
                    + " GROUP BY person, v) GROUP BY b, v";
        }
        return bucketed(query, series, scope, buckets, where(query, series, scope, scope.where()));
    }

    /** The value and the events per bucket and breakdown value, of the rows {@code where} picks. */
    private static String bucketed(
            TrendsQuery query,
            TrendsQuery.Series series,
            Scope scope,
            Buckets buckets,
            String where) {
        return "SELECT "
                + buckets.sql(scope.tz())
                + " AS b, "
                + breakdown(query)
                + " AS v, "
                + value(series.aggregation())
                + " AS value, count() AS events FROM "
                + scope.table()
                + " WHERE "
                + where
                + " GROUP BY b, v";
    }

    /**
     * DAU/WAU/MAU: each person-day counts for itself and the n-1 days after it, so a day's value is
     * the people active in the n days ending on it; the scan starts n-1 days early.
     */
    private static String rolling(TrendsQuery query, TrendsQuery.Series series, Scope scope) {
        int days =
                switch (series.aggregation().type()) {
                    case DAU -> 1;
                    case WAU -> 7;
                    default -> 30;
                };
        Instant from = scope.window().from().atZone(scope.zone()).minusDays(days - 1L).toInstant();
        String tz = scope.tz();
        // arrayJoin, not a lambda over the subquery's column: 18.16 prunes columns only lambdas use
        return "SELECT toString(d) AS b, v, uniqExact(cityHash64(person)) AS value FROM (SELECT person, v,"
                + " day + arrayJoin(range("
                + days
                + ")) AS d FROM (SELECT DISTINCT "
                + Scope.PERSON
                + " AS person, toDate(timestamp, "
                + tz
                + ") AS day, "
                + breakdown(query)
                + " AS v FROM "
                + scope.table()
                + " WHERE "
                + where(query, series, scope, scope.where(from, scope.window().to()))
                + ")) WHERE d >= toDate('"
                + scope.window().from().atZone(scope.zone()).toLocalDate()
                + "') AND d <= toDate('"
                + scope.window().to().minusNanos(1).atZone(scope.zone()).toLocalDate()
                + "') GROUP BY b, v";
    }

    private static String unranked(
            TrendsQuery query, TrendsQuery.Series series, Scope scope, String range) {
        return range
                + " AND "
                + EventSql.matches(series.events(), scope)
                + " AND "
                + FilterSql.all(query.filters(), scope);
    }

    private static String where(
            TrendsQuery query, TrendsQuery.Series series, Scope scope, String range) {
        String where = unranked(query, series, scope, range);
        Breakdown breakdown = query.breakdown();
        if (breakdown == null) {
            return where;
        }
        // the breakdown's most frequent values over the range, so the rows stay few
        String value = PropertySql.string(breakdown.property());
        return where
                + " AND "
                + value
                + " IN (SELECT "
                + value
                + " FROM "
                + scope.table()
                + " WHERE "
                + where
                + " GROUP BY "
                + value
                + " ORDER BY count() DESC, "
                + value
                + " LIMIT "
                + breakdown.limit()
                + ")";
    }

    private static String breakdown(TrendsQuery query) {
        return query.breakdown() == null ? "''" : PropertySql.string(query.breakdown().property());
    }

    private static String value(Aggregation aggregation) {
        if (!aggregation.type().needsProperty()) {
            return switch (aggregation.type()) {
                case UNIQUE_USERS -> "uniqExact(" + Scope.PERSON_HASH + ")";
                case PER_USER_AVERAGE -> "count() / uniqExact(" + Scope.PERSON_HASH + ")";
                default -> "count()";
            };
        }
        String number = PropertySql.number(aggregation.property());
        String present = "isNotNull(" + number + ")";
        String x = "ifNull(" + number + ", 0)";
        String function =
                switch (aggregation.type()) {
                    case SUM -> "sumIf(" + x + ", " + present + ")";
                    case AVG -> "avgIf(" + x + ", " + present + ")";
                    case MIN -> "minIf(" + x + ", " + present + ")";
                    case MAX -> "maxIf(" + x + ", " + present + ")";
                    case P50 -> "quantileExactIf(0.5)(" + x + ", " + present + ")";
                    case P90 -> "quantileExactIf(0.9)(" + x + ", " + present + ")";
                    default -> "quantileExactIf(0.99)(" + x + ", " + present + ")";
                };
        // no value is not 0: an average of nothing is absent from the chart
        return aggregation.type() == Aggregation.Type.SUM
                ? function
                : "if(countIf(" + present + ") = 0, NULL, " + function + ")";
    }
}
