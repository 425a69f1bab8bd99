package io.streamlytics.query.paths;

import io.streamlytics.core.clickhouse.Sql;
import io.streamlytics.query.model.PathsQuery;
import io.streamlytics.query.sql.EventSql;
import io.streamlytics.query.sql.FilterSql;
import io.streamlytics.query.sql.Scope;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per person, the events (or viewed pages) of the range in time order, repeats in a row collapsed
 * if asked; the path is the {@code depth} elements from the first {@code start} event, up to the
 * last {@code end} event, or from the first event when neither is given.
 */
final class PathsSql {
    /** The events the pipeline treats as views (as the sessions and metrics jobs do). */
    static final Set<String> VIEWS = Set.of("page_view", "$pageview", "screen_view", "$screen");

    private PathsSql() {}

    static String perPerson(PathsQuery query, Scope scope) {
        boolean pages = query.element() == PathsQuery.Element.PAGE;
        String element = pages ? "if(page_path != '', page_path, page_title)" : "event";
        String start = query.start() == null ? "0" : EventSql.matches(query.start(), scope);
        String end = query.end() == null ? "0" : EventSql.matches(query.end(), scope);
        String where = scope.where() + " AND " + FilterSql.all(query.filters(), scope);
        if (pages) {
            String views =
                    VIEWS.stream().sorted().map(Sql::quote).collect(Collectors.joining(", "));
            String anchors =
                    (query.start() == null ? "" : " OR " + start)
                            + (query.end() == null ? "" : " OR " + end);
            where += " AND (event IN (" + views + ")" + anchors + ")";
        }
        // each element against the one before it: lambdas over zipped arrays, none capturing an
        // array (a captured array is copied for every element: the square of a person's events)
        String keep =
                query.collapseRepeats()
                        ? "arrayMap((a, b) -> a != b, names, arrayPushFront(arrayPopBack(names), ''))"
                        : "arrayMap(a -> 1, names)";
        int depth = query.depth();
        String path;
        if (query.start() != null) {
            path = "if(s = 0, emptyArrayString(), arraySlice(n2, s, " + depth + "))";
        } else if (query.end() != null) {
            path =
                    "if(e = 0, emptyArrayString(), arraySlice(n2, greatest(1, e - "
                            + (depth - 1)
                            + "), least(e, "
                            + depth
                            + ")))";
        } else {
            path = "arraySlice(n2, 1, " + depth + ")";
        }
        // one SELECT level: ClickHouse 18.16 drops a subquery's column that only a lambda uses
        return "SELECT path FROM (SELECT arrayMap(x -> x.2, evs) AS names, arrayMap(x -> x.3, evs) AS m, "
                + keep
                + " AS keep, arrayFilter((x, k) -> k, names, keep) AS n2, arrayFilter((x, k) -> k, m, keep) AS m2,"
                + " arrayFirstIndex(x -> bitTest(x, 0), m2) AS s,"
                + " if(arrayExists(x -> bitTest(x, 1), m2), length(m2) + 1 - arrayFirstIndex(x -> bitTest(x, 1), arrayReverse(m2)), 0) AS e, "
                + path
                + " AS path FROM (SELECT arraySort(groupArray((toUInt32(timestamp), element, mask))) AS evs FROM (SELECT "
                + Scope.PERSON
                + " AS person, timestamp, "
                + element
                + " AS element, toUInt8("
                + start
                + ") + 2 * toUInt8("
                + end
                + ") AS mask FROM "
                + scope.table()
                + " WHERE "
                + where
                + ") GROUP BY person)) WHERE notEmpty(path)";
    }

    static String paths(PathsQuery query, Scope scope) {
        return "SELECT path, count() AS people FROM ("
                + perPerson(query, scope)
                + ") GROUP BY path HAVING people >= "
                + query.minCount()
                + " ORDER BY people DESC, path LIMIT "
                + query.limit();
    }

    static String edges(PathsQuery query, Scope scope) {
        return "SELECT i AS step, path[i] AS source, path[i + 1] AS target, count() AS people FROM ("
                + perPerson(query, scope)
                + ") ARRAY JOIN arrayEnumerate(path) AS i WHERE i < length(path)"
                + " GROUP BY step, source, target HAVING people >= "
                + query.minCount()
                + " ORDER BY step, people DESC, source, target LIMIT "
                + query.limit() * query.depth();
    }
}
