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
        String start = EventSql.matches(query.start());
        String back = EventSql.matches(query.returning());
        String names = EventSql.namesOf(List.<EventSelector>of(query.start(), query.returning()));
        String global = FilterSql.all(query.filters());
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
        String test =
                query.unbounded() ? "arrayExists(x -> x >= c + n, returns)" : "has(returns, c + n)";
        return "SELECT toString(cohort) AS cohort, count() AS size, sumForEach(arrayMap(n -> toUInt64("
                + test
                + "), range("
                + (query.periods() + 1)
                + "))) AS back FROM (SELECT cohort, "
                + number(query, "cohort")
                + " AS c, returns FROM ("
                + cohorts
                + ")) GROUP BY cohort ORDER BY cohort";
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
