package io.streamlytics.query.retention;

import io.streamlytics.query.model.EventSelector;
import io.streamlytics.query.model.RetentionQuery;
import io.streamlytics.query.model.RetentionQuery.Mode;
import io.streamlytics.query.sql.EventSql;
import io.streamlytics.query.sql.FilterSql;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A retention query as one statement: per person, the cohort(s) (the period of the first start
 * event ever, or of every start event in the range) and the set of periods with a return event;
 * then per cohort its size and, for each n, how many came back n periods later (or, unbounded, n or
 * more periods later). Periods are days, Monday weeks or months in the project's timezone.
 */
final class RetentionSql {
    private RetentionSql() {}

    static String of(RetentionQuery query, Scope scope, Instant end) {
        String tz = scope.tz();
        String day = "toDate(timestamp, " + tz + ")";
        String start = EventSql.matches(query.start(), scope);
        String back = EventSql.matches(query.returning(), scope);
        String names = EventSql.namesOf(List.<EventSelector>of(query.start(), query.returning()));
        String global = FilterSql.all(query.filters(), scope);
        String cohorts;
        if (query.mode() == Mode.FIRST_TIME) {
            // the first start ever, so the scan reaches back to the project's first events
            cohorts =
                    "SELECT person, "
                            + periodStart(query, "first")
                            + " AS cohort, returns FROM (SELECT "
                            + Scope.PERSON
                            + " AS person, minIf("
                            + day
                            + ", "
                            + start
                            + ") AS first, countIf("
                            + start
                            + ") AS starts, groupUniqArrayIf("
                            + number(query, day)
                            + ", "
                            + back
                            + ") AS returns FROM "
                            + scope.table()
                            + " WHERE "
                            + scope.where(Instant.EPOCH, end)
                            + " AND "
                            + global
                            + " AND "
                            + names
                            + " GROUP BY person HAVING starts > 0 AND first >= toDate('"
                            + firstDay(scope)
                            + "') AND first <= toDate('"
                            + lastDay(scope)
                            + "'))";
        } else {
            String inRange = "timestamp < toDateTime(" + scope.window().to().getEpochSecond() + ")";
            cohorts =
                    "SELECT person, cohort, returns FROM (SELECT "
                            + Scope.PERSON
                            + " AS person, groupUniqArrayIf("
                            + periodStart(query, day)
                            + ", "
                            + start
                            + " AND "
                            + inRange
                            + ") AS starts, groupUniqArrayIf("
                            + number(query, day)
                            + ", "
                            + back
                            + ") AS returns FROM "
                            + scope.table()
                            + " WHERE "
                            + scope.where(scope.window().from(), end)
                            + " AND "
                            + global
                            + " AND "
                            + names
                            + " GROUP BY person HAVING notEmpty(starts)) ARRAY JOIN starts AS cohort";
        }
        // One row per cohort and n (people back n periods later), plus n = -1 for the cohort's
        // size. No lambda reads the subquery's columns: ClickHouse 18.16 would drop them.
        // Relative period numbers are never 0 for real dates, so 0 marks the membership row.
        String periods =
                query.unbounded()
                        ? "[toUInt32(0), toUInt32(arrayReduce('max', returns))]"
                        : "arrayPushFront(arrayMap(x -> toUInt32(x), returns), toUInt32(0))";
        String later =
                query.unbounded()
                        ? "least(toInt64(r) - c, " + query.periods() + ")"
                        : "toInt64(r) - c";
        return "SELECT toString(cohort) AS cohort, if(r = 0, -1, "
                + later
                + ") AS n, count() AS people"
                + " FROM (SELECT cohort, "
                + number(query, "cohort")
                + " AS c, "
                + periods
                + " AS rs FROM ("
                + cohorts
                + ")) ARRAY JOIN rs AS r WHERE r = 0 OR (n >= 1 AND n <= "
                + query.periods()
                + ") GROUP BY cohort, n ORDER BY cohort, n";
    }

    /**
     * The period's number: days, weeks or months since a fixed point (so n periods later is +n).
     */
    private static String number(RetentionQuery query, String date) {
        return switch (query.period()) {
            case DAY -> "toRelativeDayNum(" + date + ")";
            case WEEK -> "toRelativeWeekNum(" + date + ")";
            case MONTH -> "toRelativeMonthNum(" + date + ")";
        };
    }

    private static String periodStart(RetentionQuery query, String date) {
        return switch (query.period()) {
            case DAY -> date;
            case WEEK -> "toMonday(" + date + ")";
            case MONTH -> "toStartOfMonth(" + date + ")";
        };
    }

    private static String firstDay(Scope scope) {
        return scope.window().from().atZone(scope.zone()).toLocalDate().toString();
    }

    private static String lastDay(Scope scope) {
        return scope.window().to().minusNanos(1).atZone(scope.zone()).toLocalDate().toString();
    }
}
