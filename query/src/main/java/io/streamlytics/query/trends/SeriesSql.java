package io.streamlytics.query.trends;

import io.streamlytics.query.model.Aggregation;
import io.streamlytics.query.model.TrendsQuery;
import io.streamlytics.query.sql.Buckets;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;

/**
 * The SQL of one trends series over its {@link SeriesRows}: rows of bucket key {@code b}, breakdown
 * value {@code v} and {@code value}.
 */
final class SeriesSql {
    private SeriesSql() {}

    /**
     * The series with its breakdown's values counted alongside ({@code events}), no top values
     * chosen: when a breakdown has few values this is one scan instead of two, and the caller picks
     * the top values by events just as {@link #of} would.
     */
    static String withEveryValue(
            TrendsQuery.Series series, SeriesRows rows, Scope scope, Buckets buckets) {
        return bucketed(series, buckets, scope, rows.sql());
    }

    /** Whether {@link #withEveryValue} can stand for {@link #of}. */
    static boolean plain(TrendsQuery query, TrendsQuery.Series series) {
        Aggregation.Type type = series.aggregation().type();
        return query.breakdown() != null && !type.rolling() && type != Aggregation.Type.STICKINESS;
    }

    static String of(
            TrendsQuery query,
            TrendsQuery.Series series,
            SeriesRows rows,
            Scope scope,
            Buckets buckets) {
        Aggregation.Type type = series.aggregation().type();
        if (type.rolling()) {
            return rolling(query, series, rows, scope);
        }
        String ranked = ranked(query, rows.sql());
        if (type == Aggregation.Type.STICKINESS) {
            return "SELECT toString(k) AS b, v, count() AS value FROM (SELECT p, v, uniqExact("
                    + buckets.sql("t", scope.tz())
                    + ") AS k FROM ("
                    + ranked
                    + ") GROUP BY p, v) GROUP BY b, v";
        }
        return bucketed(series, buckets, scope, ranked);
    }

    /** The value and the events per bucket and breakdown value. */
    private static String bucketed(
            TrendsQuery.Series series, Buckets buckets, Scope scope, String rows) {
        return "SELECT "
                + buckets.sql("t", scope.tz())
                + " AS b, v, "
                + value(series.aggregation())
                + " AS value, sum(n) AS events FROM ("
                + rows
                + ") GROUP BY b, v";
    }

    /**
     * DAU/WAU/MAU: each person-day counts for itself and the n-1 days after it, so a day's value is
     * the people active in the n days ending on it; the scan starts n-1 days early.
     */
    private static String rolling(
            TrendsQuery query, TrendsQuery.Series series, SeriesRows rows, Scope scope) {
        int days =
                switch (series.aggregation().type()) {
                    case DAU -> 1;
                    case WAU -> 7;
                    default -> 30;
                };
        Instant from = scope.window().from().atZone(scope.zone()).minusDays(days - 1L).toInstant();
        String tz = scope.tz();
        // arrayJoin, not a lambda over the subquery's column: 18.16 prunes columns only lambdas use
        return "SELECT toString(d) AS b, v, uniqExact(p) AS value FROM (SELECT p, v,"
                + " day + arrayJoin(range("
                + days
                + ")) AS d FROM (SELECT DISTINCT p, toDate(t, "
                + tz
                + ") AS day, v FROM ("
                + ranked(query, rows.sql(from, scope.window().to()))
                + "))) WHERE d >= toDate('"
                + scope.window().from().atZone(scope.zone()).toLocalDate()
                + "') AND d <= toDate('"
                + scope.window().to().minusNanos(1).atZone(scope.zone()).toLocalDate()
                + "') GROUP BY b, v";
    }

    /**
     * The rows of the breakdown's most frequent values over the rows' stretch, so they stay few.
     */
    private static String ranked(TrendsQuery query, String rows) {
        if (query.breakdown() == null) {
            return rows;
        }
        return "SELECT * FROM ("
                + rows
                + ") WHERE v IN (SELECT v FROM ("
                + rows
                + ") GROUP BY v ORDER BY sum(n) DESC, v LIMIT "
                + query.breakdown().limit()
                + ")";
    }

    private static String value(Aggregation aggregation) {
        if (!aggregation.type().needsProperty()) {
            return switch (aggregation.type()) {
                case UNIQUE_USERS -> "uniqExact(p)";
                case PER_USER_AVERAGE -> "sum(n) / uniqExact(p)";
                default -> "sum(n)";
            };
        }
        String present = "isNotNull(x)";
        String x = "ifNull(x, 0)";
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
