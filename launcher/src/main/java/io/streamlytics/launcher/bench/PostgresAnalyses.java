package io.streamlytics.launcher.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The benchmark's analyses written as one would in plain PostgreSQL SQL: a funnel as a chain of
 * joins (each step's first event after the previous one, within the window of the first), retention
 * as cohorts joined with active weeks, daily actives as count(DISTINCT) per day and country.
 */
final class PostgresAnalyses {
    private PostgresAnalyses() {}

    static String funnel(int steps, String from, String to) {
        StringBuilder sql =
                new StringBuilder(
                        "WITH s1 AS (SELECT person, min(ts) AS t1, min(ts) AS t FROM events WHERE event = 'f1'"
                                + " AND ts >= '"
                                + from
                                + "' AND ts < date '"
                                + to
                                + "' + 1 GROUP BY person)");
        for (int k = 2; k <= steps; k++) {
            sql.append(", s")
                    .append(k)
                    .append(" AS (SELECT s.person, s.t1, min(e.ts) AS t FROM s")
                    .append(k - 1)
                    .append(" s JOIN events e ON e.person = s.person AND e.event = 'f")
                    .append(k)
                    .append(
                            "' AND e.ts > s.t AND e.ts <= s.t1 + interval '14 days' GROUP BY s.person, s.t1)");
        }
        sql.append(" SELECT (SELECT count(*) FROM s1) AS first, (SELECT count(*) FROM s")
                .append(steps)
                .append(") AS last");
        return sql.toString();
    }

    static String retention() {
        return "WITH first AS (SELECT person, date_trunc('week', min(ts) AT TIME ZONE 'UTC') AS c"
                + " FROM events WHERE event = 'signup' GROUP BY person),"
                + " cohort AS (SELECT * FROM first WHERE c >= '2026-07-06' AND c <= '2026-09-27'),"
                + " active AS (SELECT DISTINCT e.person, date_trunc('week', e.ts AT TIME ZONE 'UTC') AS w"
                + " FROM events e JOIN cohort USING (person))"
                + " SELECT c, (w::date - c::date) / 7 AS n, count(*) AS people FROM cohort JOIN active USING (person)"
                + " WHERE w >= c AND w <= c + interval '12 weeks' GROUP BY c, n ORDER BY c, n";
    }

    static String dailyActiveByCountry(String from, String to) {
        return "SELECT date_trunc('day', ts AT TIME ZONE 'UTC') AS d, country, count(DISTINCT person)"
                + " FROM events WHERE ts >= '"
                + from
                + "' AND ts < date '"
                + to
                + "' + 1 GROUP BY 1, 2";
    }

    /** Runs the statement; the answer's first row, or the number of rows, in words. */
    static String run(Connection pg, String sql) throws Exception {
        try (Statement s = pg.createStatement()) {
            s.execute("SET work_mem = '256MB'");
            s.execute("SET statement_timeout = '20min'");
            try (ResultSet r = s.executeQuery(sql)) {
                if (sql.startsWith("WITH s1")) {
                    r.next();
                    return "step 1: " + r.getLong(1) + ", last: " + r.getLong(2);
                }
                int rows = 0;
                while (r.next()) {
                    rows++;
                }
                return rows + " rows";
            }
        }
    }
}
