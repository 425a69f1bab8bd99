package io.streamlytics.query.funnels;

import io.streamlytics.query.model.EventSelector;
import io.streamlytics.query.model.FunnelQuery;
import io.streamlytics.query.model.FunnelQuery.Order;
import io.streamlytics.query.sql.EventSql;
import io.streamlytics.query.sql.FilterSql;
import io.streamlytics.query.sql.PropertySql;
import io.streamlytics.query.sql.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A funnel as one SQL statement per view, on functions both ClickHouse 18.16 and current servers
 * have (no windowFunnel modes, no arrayFold).
 *
 * <p>Per person, the events that match any step or exclusion become one array sorted by time, each
 * with a bit mask of what it matches ({@code ts}, {@code m}). Every step-1 event inside the range
 * starts a path; each later step takes the earliest matching event after the previous step's that
 * fits the window from the start and the step's own {@code within} (strict order: only the very
 * next event of the person). A path's level is how many steps it reached; an exclusion event
 * between its steps a and b stops it at a. The person's level is their best path's (the earliest
 * such path); {@code times} holds that path's step times. Any order: from each start, a step counts
 * when one of its events happens within the window.
 */
final class FunnelSql {
    /**
     * How many of a person's matching events (the earliest) a funnel looks at: the array functions
     * cost the square of a person's events, and a bot with 100,000 would cost gigabytes.
     */
    static final int MAX_EVENTS_PER_PERSON = 1000;

    private final FunnelQuery query;
    private final Scope scope;
    private final int steps;

    FunnelSql(FunnelQuery query, Scope scope) {
        this.query = query;
        this.scope = scope;
        this.steps = query.steps().size();
    }

    /** One row per person who did step 1 in the range: person, v, level, times. */
    String people() {
        long from = scope.window().from().getEpochSecond();
        long to = scope.window().to().getEpochSecond();
        long window = query.window().toSeconds();
        StringBuilder select = new StringBuilder("SELECT person, v, ");
        select.append("arrayMap(x -> x.1, evs) AS ts, arrayMap(x -> x.2, evs) AS m, ");
        if (query.order() == Order.ANY) {
            select.append("arrayFilter(j -> bitAnd(m[j], ")
                    .append((1L << steps) - 1)
                    .append(") != 0 AND ts[j] >= ")
                    .append(from)
                    .append(" AND ts[j] < ")
                    .append(to)
                    .append(", arrayEnumerate(m)) AS i1, ");
            List<String> found = new ArrayList<>();
            for (int k = 1; k <= steps; k++) {
                select.append(candidates("x" + k, k - 1));
                select.append("arrayMap(s -> arrayFirst(j -> j >= s AND ts[j] <= ts[s] + ")
                        .append(window)
                        .append(", x")
                        .append(k)
                        .append("), i1) AS f")
                        .append(k)
                        .append(", ");
                found.add("f" + k + "[n]");
            }
            // each path's steps as one array, so what follows names them once: ClickHouse expands
            // every alias where it is used, and per-step references would grow with the cube of
            // the steps
            select.append("arrayMap(n -> [")
                    .append(String.join(", ", found))
                    .append("], arrayEnumerate(i1)) AS paths, ")
                    .append("arrayMap(p -> arrayCount(x -> x != 0, p), paths) AS lv, ");
            level(select);
            select.append(
                    "arraySort(arrayFilter(t -> t != 0, arrayMap(x -> ts[x], paths[best]))) AS times");
        } else {
            select.append("arrayFilter(j -> bitTest(m[j], 0) AND ts[j] >= ")
                    .append(from)
                    .append(" AND ts[j] < ")
                    .append(to)
                    .append(", arrayEnumerate(m)) AS i1, ");
            List<String> chain = new ArrayList<>();
            chain.add("i1[n]");
            for (int k = 2; k <= steps; k++) {
                select.append(next(k, window));
                chain.add("i" + k + "[n]");
            }
            select.append("arrayMap(n -> [")
                    .append(String.join(", ", chain))
                    .append("], arrayEnumerate(i1)) AS paths, ")
                    .append("arrayMap(p -> arrayCount(x -> x != 0, p), paths) AS reached, ");
            // a path with an exclusion event between its steps a and b stops at a
            List<String> cuts = new ArrayList<>();
            List<String> caps = new ArrayList<>();
            for (int e = 0; e < query.exclusions().size(); e++) {
                FunnelQuery.Exclusion exclusion = query.exclusions().get(e);
                int a = exclusion.afterStep();
                int b = exclusion.beforeStep();
                select.append(candidates("y" + e, steps + e))
                        .append("arrayMap(p -> p[")
                        .append(b)
                        .append("] != 0 AND arrayExists(j -> j > p[")
                        .append(a)
                        .append("] AND j < p[")
                        .append(b)
                        .append("], y")
                        .append(e)
                        .append("), paths) AS cut")
                        .append(e)
                        .append(", ");
                cuts.add("cut" + e);
                caps.add("if(c" + e + ", " + a + ", " + steps + ")");
            }
            if (cuts.isEmpty()) {
                select.append("reached AS lv, ");
            } else {
                List<String> names = new ArrayList<>();
                for (int e = 0; e < cuts.size(); e++) {
                    names.add("c" + e);
                }
                // least() takes two arguments
                String capped = "l";
                for (String cap : caps) {
                    capped = "least(" + capped + ", " + cap + ")";
                }
                select.append("arrayMap((l, ")
                        .append(String.join(", ", names))
                        .append(") -> ")
                        .append(capped)
                        .append(", reached, ")
                        .append(String.join(", ", cuts))
                        .append(") AS lv, ");
            }
            level(select);
            select.append("arrayMap(x -> ts[x], paths[best]) AS times");
        }
        return select.append(" FROM (").append(perPerson()).append(") WHERE level > 0").toString();
    }

    /** Step k's event on the path: the first match after the previous step within the windows. */
    private String next(int k, long window) {
        FunnelQuery.Step step = query.steps().get(k - 1);
        String within =
                step.within() == null ? "" : " AND ts[j] <= ts[p] + " + step.within().toSeconds();
        if (query.order() == Order.STRICT) {
            String j = "(p + 1)";
            return "arrayMap((p, s) -> if(p != 0 AND p < length(m) AND bitTest(m[p + 1], "
                    + (k - 1)
                    + ") AND ts[p + 1] <= ts[s] + "
                    + window
                    + within.replace("ts[j]", "ts[" + j + "]")
                    + ", p + 1, 0), i"
                    + (k - 1)
                    + ", i1) AS i"
                    + k
                    + ", ";
        }
        return candidates("x" + k, k - 1)
                + "arrayMap((p, s) -> if(p = 0, 0, arrayFirst(j -> j > p AND ts[j] <= ts[s] + "
                + window
                + within
                + ", x"
                + k
                + ")), i"
                + (k - 1)
                + ", i1) AS i"
                + k
                + ", ";
    }

    private static String candidates(String name, int bit) {
        return "arrayFilter(j -> bitTest(m[j], " + bit + "), arrayEnumerate(m)) AS " + name + ", ";
    }

    private static void level(StringBuilder select) {
        select.append("if(empty(i1), 0, arrayReduce('max', lv)) AS level, ")
                .append("arrayFirstIndex(x -> x = level, lv) AS best, ");
    }

    /**
     * One row per person: the breakdown value of their first step-1 event in range, their events.
     */
    private String perPerson() {
        long from = scope.window().from().getEpochSecond();
        long to = scope.window().to().getEpochSecond();
        Instant end = scope.window().to().plus(query.window());
        String value =
                query.breakdown() == null || query.breakdown().bySegment()
                        ? "''"
                        : PropertySql.string(query.breakdown().property());
        List<EventSelector> selectors = new ArrayList<>();
        query.steps().forEach(s -> selectors.add(s.events()));
        query.exclusions().forEach(e -> selectors.add(e.events()));
        List<String> bits = new ArrayList<>();
        for (int i = 0; i < selectors.size(); i++) {
            bits.add("toUInt64(" + EventSql.matches(selectors.get(i), scope) + ") * " + (1L << i));
        }
        String where =
                scope.where(scope.window().from(), end)
                        + " AND "
                        + FilterSql.all(query.filters(), scope);
        if (query.order() != Order.STRICT) {
            // strict order needs every event of the person to see what comes in between
            where += " AND " + EventSql.namesOf(selectors);
        }
        return "SELECT person, argMinIf(bv, timestamp, bitTest(mask, 0) AND timestamp >= toDateTime("
                + from
                + ") AND timestamp < toDateTime("
                + to
                + ")) AS v, arraySlice(arraySort(groupArray((toUInt32(timestamp), mask))), 1, "
                + MAX_EVENTS_PER_PERSON
                + ") AS evs FROM (SELECT "
                + Scope.PERSON
                + " AS person, timestamp, "
                + String.join(" + ", bits)
                + " AS mask, "
                + value
                + " AS bv FROM "
                + scope.table()
                + " WHERE "
                + where
                + ")"
                + (query.order() == Order.STRICT ? "" : " WHERE mask != 0")
                + " GROUP BY person";
    }

    /** Steps view: people reaching each step and the time from the previous one, per value. */
    String steps(boolean byValue) {
        List<String> columns = new ArrayList<>();
        for (int k = 1; k <= steps; k++) {
            columns.add("countIf(level >= " + k + ") AS r" + k);
            if (k > 1) {
                String gap = "toInt64(times[" + k + "]) - toInt64(times[" + (k - 1) + "])";
                columns.add("quantileExactIf(0.5)(" + gap + ", level >= " + k + ") AS m" + k);
                columns.add("avgIf(" + gap + ", level >= " + k + ") AS a" + k);
            }
        }
        String sql =
                "SELECT "
                        + (byValue ? "v, " : "")
                        + String.join(", ", columns)
                        + " FROM ("
                        + people()
                        + ")";
        return byValue
                ? sql + " GROUP BY v ORDER BY r1 DESC, v LIMIT " + query.breakdown().limit()
                : sql;
    }

    /** Time from step 1 to the last step of those who converted, in bins by edge (seconds). */
    String timeToConvert(long[] edges) {
        String edgeList =
                java.util.Arrays.stream(edges)
                        .mapToObj(Long::toString)
                        .collect(Collectors.joining(", "));
        return "SELECT arraySum(arrayMap(e -> d >= e, ["
                + edgeList
                + "])) AS bin, count() AS people, min(d) AS low, max(d) AS high FROM (SELECT toInt64(times["
                + steps
                + "]) - toInt64(times[1]) AS d FROM ("
                + people()
                + ") WHERE level = "
                + steps
                + ") GROUP BY bin ORDER BY bin";
    }

    /** Summary of the time to convert: people, mean and quantiles. */
    String timeToConvertSummary() {
        return "SELECT count() AS people, avg(d) AS mean, quantilesExact(0.5, 0.9)(d) AS q FROM (SELECT toInt64(times["
                + steps
                + "]) - toInt64(times[1]) AS d FROM ("
                + people()
                + ") WHERE level = "
                + steps
                + ")";
    }

    /** Conversion by the bucket in which people entered the funnel. */
    String trend(String bucket) {
        return "SELECT "
                + bucket
                + " AS b, count() AS entered, countIf(level = "
                + steps
                + ") AS converted FROM (SELECT times[1] AS t, level FROM ("
                + people()
                + ")) GROUP BY b";
    }

    /** People who reached {@code step} (converted) or stopped just before it (dropped). */
    String list(FunnelQuery.People people) {
        String condition =
                people.converted() ? "level >= " + people.step() : "level = " + (people.step() - 1);
        return "SELECT person FROM ("
                + people()
                + ") WHERE "
                + condition
                + " ORDER BY person LIMIT "
                + people.offset()
                + ", "
                + people.limit();
    }
}
